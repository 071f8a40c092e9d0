using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;

namespace TcpGen.Runtime.Hosting
{
    /// <summary>
    /// The counters of a <see cref="TcpStack"/> at one instant: connections per state (the view of
    /// <c>netstat -n | awk '/^tcp/ {++S[$NF]} END {for (a in S) print a, S[a]}'</c>) and MIB-style totals.
    /// </summary>
    public sealed class TcpStackSnapshot
    {
        /// <summary>Connections per engine state, indexed by <see cref="TcpState"/>.</summary>
        private readonly int[] _byState;

        internal TcpStackSnapshot(ReadOnlySpan<int> byState, TcpCounters counters)
        {
            _byState = byState.ToArray();
            SegmentsReceived = counters.SegmentsReceived;
            SegmentsSent = counters.SegmentsSent;
            Retransmissions = counters.Retransmissions;
            RetransmissionTimeouts = counters.RetransmissionTimeouts;
            FastRetransmits = counters.FastRetransmits;
            DuplicateAcksReceived = counters.DuplicateAcksReceived;
            LostRetransmissions = counters.LostRetransmissions;
            LossProbes = counters.LossProbes;
            ActiveOpens = counters.ActiveOpens;
            PassiveOpens = counters.PassiveOpens;
            ResetsSent = counters.ResetsSent;
            ResetsReceived = counters.ResetsReceived;
            ChallengeAcksSent = counters.ChallengeAcksSent;
            ListenOverflows = counters.ListenOverflows;
            var drops = new SortedDictionary<string, long>(StringComparer.Ordinal);
            for (int reason = 1; reason < DropReasonNames.Count; reason++)
            {
                long count = counters.Drops[(DropReason)reason];
                if (count > 0)
                {
                    drops[DropReasonNames.Name((DropReason)reason)] = count;
                }
            }

            Drops = drops;
        }

        /// <summary>tcpInSegs.</summary>
        public long SegmentsReceived { get; }

        /// <summary>tcpOutSegs.</summary>
        public long SegmentsSent { get; }

        /// <summary>tcpRetransSegs.</summary>
        public long Retransmissions { get; }

        /// <summary>Retransmission timer expiries that resent data (RFC 6298 5.4).</summary>
        public long RetransmissionTimeouts { get; }

        /// <summary>Fast retransmits after three duplicate ACKs (RFC 5681 3.2).</summary>
        public long FastRetransmits { get; }

        /// <summary>Duplicate ACKs received (RFC 5681 2).</summary>
        public long DuplicateAcksReceived { get; }

        /// <summary>Resends in fast recovery of a retransmission that was lost too.</summary>
        public long LostRetransmissions { get; }

        /// <summary>Tail loss probes sent (RFC 8985 7).</summary>
        public long LossProbes { get; }

        /// <summary>tcpActiveOpens.</summary>
        public long ActiveOpens { get; }

        /// <summary>tcpPassiveOpens.</summary>
        public long PassiveOpens { get; }

        /// <summary>tcpOutRsts.</summary>
        public long ResetsSent { get; }

        /// <summary>Resets received that closed a connection.</summary>
        public long ResetsReceived { get; }

        /// <summary>Challenge ACKs sent (RFC 5961).</summary>
        public long ChallengeAcksSent { get; }

        /// <summary>SYNs dropped because a backlog was full.</summary>
        public long ListenOverflows { get; }

        /// <summary>Dropped packets by reason name (only reasons that occurred).</summary>
        public IReadOnlyDictionary<string, long> Drops { get; }

        /// <summary>Connections in <paramref name="state"/>.</summary>
        public int Count(TcpState state) => (int)state < _byState.Length ? _byState[(int)state] : 0;

        /// <summary>Connections per RFC state name (both SYN-RECEIVED variants merged), only states with connections.</summary>
        public IReadOnlyDictionary<string, int> ConnectionsByState()
        {
            var byName = new SortedDictionary<string, int>(StringComparer.Ordinal);
            for (int state = 0; state < _byState.Length; state++)
            {
                if (_byState[state] > 0)
                {
                    string name = TcpTransitions.RfcStateName((TcpState)state);
                    byName[name] = byName.GetValueOrDefault(name) + _byState[state];
                }
            }

            return byName;
        }

        /// <summary>"STATE count" lines, as the netstat one-liner prints them.</summary>
        public string FormatStates()
        {
            var text = new StringBuilder();
            foreach (KeyValuePair<string, int> entry in ConnectionsByState())
            {
                text.Append(CultureInfo.InvariantCulture, $"{entry.Key} {entry.Value}\n");
            }

            return text.ToString();
        }
    }
}
