using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;

namespace TcpGen.Runtime.Hosting
{
    /// <summary>
    /// Publishes a stack's counters through System.Diagnostics.Metrics under the meter "TcpGen", so that
    /// dotnet-counters, OpenTelemetry or <c>tcpgen stat</c> (with a MeterListener) can read them. Every instrument carries
    /// the tag <c>stack</c> with the stack's name. Callbacks read values the loop publishes; they never touch the engine.
    /// </summary>
    internal sealed class StackMetrics : IDisposable
    {
        /// <summary>The meter name every TcpGen stack publishes under.</summary>
        public const string MeterName = "TcpGen";

        /// <summary>Owns the instruments; disposing it ends publication.</summary>
        private readonly Meter _meter;

        /// <summary>The stack's name, as the "stack" tag.</summary>
        private readonly KeyValuePair<string, object?> _stackTag;

        /// <summary>The engine counters (64-bit reads of values written by the loop thread).</summary>
        private readonly TcpCounters _counters;

        /// <summary>Returns the latest published connection counts per state.</summary>
        private readonly Func<int, int> _stateCount;

        public StackMetrics(string stackName, TcpCounters counters, Func<int, int> stateCount)
        {
            _meter = new Meter(MeterName);
            _stackTag = new KeyValuePair<string, object?>("stack", stackName);
            _counters = counters;
            _stateCount = stateCount;

            _meter.CreateObservableGauge("tcpgen.connections", ObserveConnections, "{connection}", "Connections per RFC 9293 state.");
            Counter("tcpgen.segments.received", () => _counters.SegmentsReceived, "{segment}", "Segments received (tcpInSegs), dropped ones included.");
            Counter("tcpgen.segments.sent", () => _counters.SegmentsSent, "{segment}", "Segments sent (tcpOutSegs).");
            Counter("tcpgen.segments.retransmitted", () => _counters.Retransmissions, "{segment}", "Segments retransmitted (tcpRetransSegs).");
            Counter("tcpgen.retransmission_timeouts", () => _counters.RetransmissionTimeouts, "{event}", "Retransmission timer expiries that resent data (RFC 6298).");
            Counter("tcpgen.fast_retransmits", () => _counters.FastRetransmits, "{event}", "Fast retransmits after three duplicate ACKs (RFC 5681 3.2).");
            Counter("tcpgen.duplicate_acks.received", () => _counters.DuplicateAcksReceived, "{segment}", "Duplicate ACKs received (RFC 5681 2).");
            Counter("tcpgen.lost_retransmissions", () => _counters.LostRetransmissions, "{segment}", "Retransmissions found lost in fast recovery and sent again.");
            Counter("tcpgen.loss_probes", () => _counters.LossProbes, "{segment}", "Tail loss probes sent (RFC 8985).");
            Counter("tcpgen.opens.active", () => _counters.ActiveOpens, "{connection}", "Active opens (tcpActiveOpens).");
            Counter("tcpgen.opens.passive", () => _counters.PassiveOpens, "{connection}", "Passive opens (tcpPassiveOpens).");
            Counter("tcpgen.resets.sent", () => _counters.ResetsSent, "{segment}", "Resets sent (tcpOutRsts).");
            Counter("tcpgen.resets.received", () => _counters.ResetsReceived, "{segment}", "Resets received that closed a connection.");
            Counter("tcpgen.challenge_acks.sent", () => _counters.ChallengeAcksSent, "{segment}", "Challenge ACKs sent (RFC 5961).");
            Counter("tcpgen.listen.overflows", () => _counters.ListenOverflows, "{segment}", "SYNs dropped because a backlog was full.");
            _meter.CreateObservableCounter("tcpgen.drops", ObserveDrops, "{packet}", "Packets dropped, by reason.");
        }

        public void Dispose() => _meter.Dispose();

        private void Counter(string name, Func<long> read, string unit, string description) =>
            _meter.CreateObservableCounter(name, () => new Measurement<long>(read(), _stackTag), unit, description);

        private IEnumerable<Measurement<int>> ObserveConnections()
        {
            for (int state = 0; state < TcpTransitions.StateCount; state++)
            {
                yield return new Measurement<int>(
                    _stateCount(state),
                    _stackTag,
                    new KeyValuePair<string, object?>("state", TcpTransitions.StateName((TcpState)state)));
            }
        }

        private IEnumerable<Measurement<long>> ObserveDrops()
        {
            for (int reason = 1; reason < DropReasonNames.Count; reason++)
            {
                yield return new Measurement<long>(
                    _counters.Drops[(DropReason)reason],
                    _stackTag,
                    new KeyValuePair<string, object?>("reason", DropReasonNames.Name((DropReason)reason)));
            }
        }
    }
}
