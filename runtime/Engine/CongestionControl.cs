using System;

namespace TcpGen.Runtime.Engine
{
    /// <summary>
    /// Slow start and congestion avoidance (RFC 5681 3.1, MUST-19), limited transmit (RFC 3042), fast retransmit and
    /// NewReno fast recovery (RFC 5681 3.2, RFC 6582 3.2), or, when the peer reports SACK blocks, the window of
    /// SACK-based recovery (RFC 6675 5: cwnd = ssthresh, no inflation; the caller limits sending by pipe). Octet
    /// counts; the caller owns the sequence variables and passes what it needs.
    /// </summary>
    internal struct CongestionControl
    {
        /// <summary>Duplicate ACKs that trigger fast retransmit (RFC 5681 3.2).</summary>
        public const int DuplicateAckThreshold = 3;

        /// <summary>Sender MSS the window arithmetic uses.</summary>
        private int _mss;

        /// <summary>cwnd.</summary>
        public long Window;

        /// <summary>ssthresh.</summary>
        public long SlowStartThreshold;

        /// <summary>Consecutive duplicate ACKs.</summary>
        public int DuplicateAcks;

        /// <summary>True between entering fast recovery and the ACK of <see cref="Recover"/>.</summary>
        public bool InRecovery;

        /// <summary>The current recovery is RFC 6675's: the window is not inflated, and pipe, not flight, limits sending.</summary>
        public bool SackRecovery;

        /// <summary>"recover" of RFC 6582: the highest sequence number sent when recovery (or an RTO) began.</summary>
        public uint Recover;

        /// <summary>Octets acknowledged in congestion avoidance towards the next cwnd increase (RFC 5681 3.1 byte counting).</summary>
        private long _avoidanceCredit;

        /// <summary>Octets sent beyond cwnd by limited transmit since the last new ACK: left out of ssthresh (RFC 5681 3.2 step 2).</summary>
        private long _limitedTransmitOctets;

        /// <summary>Initial window per RFC 5681 3.1 (IW = min(4 SMSS, max(2 SMSS, 4380))) and an unbounded ssthresh.</summary>
        public CongestionControl(int mss, uint initialRecover)
        {
            _mss = Math.Max(1, mss);
            Window = InitialWindow(_mss);
            SlowStartThreshold = long.MaxValue / 4;
            Recover = initialRecover;
        }

        /// <summary>IW of RFC 5681 3.1.</summary>
        public static long InitialWindow(int mss) => Math.Min(4L * mss, Math.Max(2L * mss, 4380L));

        /// <summary>The MSS changed (it is only known after the handshake).</summary>
        public void SetMss(int mss)
        {
            _mss = Math.Max(1, mss);
            Window = Math.Max(Window, InitialWindow(_mss));
        }

        /// <summary>New data was acknowledged outside recovery: grow cwnd (RFC 5681 3.1).</summary>
        public void OnNewAck(long ackedOctets)
        {
            DuplicateAcks = 0;
            _limitedTransmitOctets = 0;
            if (Window < SlowStartThreshold)
            {
                Window += Math.Min(ackedOctets, _mss);
                return;
            }

            // Appropriate byte counting: one MSS per cwnd of acknowledged data.
            _avoidanceCredit += ackedOctets;
            if (_avoidanceCredit >= Window)
            {
                _avoidanceCredit -= Window;
                Window += _mss;
            }
        }

        /// <summary>
        /// A duplicate ACK arrived. Returns true when it is the third and fast retransmit must happen now
        /// (RFC 5681 3.2 step 2, guarded by RFC 6582 3.2 step 2: only if the ACK is past <see cref="Recover"/>).
        /// </summary>
        /// <param name="flightSize">Octets in flight (SND.MAX - SND.UNA).</param>
        /// <param name="ack">SEG.ACK.</param>
        /// <param name="highestSent">SND.MAX, the new "recover" when recovery starts.</param>
        /// <param name="sack">The peer reports SACK blocks: RFC 6675 recovery (no inflation; pipe limits sending).</param>
        /// <param name="sackShowsLoss">
        /// The scoreboard shows SND.UNA lost (RFC 6675 5 step 2: IsLost(HighACK + 1)): recovery starts before the third
        /// duplicate, as when a receiver that acknowledges in stretches (Linux's GRO) SACKs many segments in one ACK.
        /// </param>
        public bool OnDuplicateAck(long flightSize, uint ack, uint highestSent, bool sack, bool sackShowsLoss = false)
        {
            DuplicateAcks++;
            if (InRecovery)
            {
                if (!SackRecovery)
                {
                    Window += _mss; // RFC 6582 3.2 step 3: inflate for each further duplicate
                }

                return false;
            }

            // RFC 6582 3.2 step 2: only when the ACK covers more than "recover" (the highest octet sent then, which is
            // Recover - 1 since Recover holds SND.MAX): an ACK at or past Recover means a new loss, not the old one.
            if ((DuplicateAcks != DuplicateAckThreshold && !(sack && sackShowsLoss)) || IsAfter(Recover, ack))
            {
                return false;
            }

            // RFC 5681 eq. (4); octets sent by limited transmit do not count (RFC 5681 3.2 step 2, RFC 3042 2).
            long flight = Math.Max(0, flightSize - _limitedTransmitOctets);
            _limitedTransmitOctets = 0;
            SlowStartThreshold = Math.Max(flight / 2, 2L * _mss);
            // RFC 6675 5 step 4.2 sets cwnd = ssthresh; NewReno inflates it by the three segments that left (RFC 6582 3.2).
            Window = sack ? SlowStartThreshold : SlowStartThreshold + DuplicateAckThreshold * (long)_mss;
            Recover = highestSent;
            InRecovery = true;
            SackRecovery = sack;
            return true;
        }

        /// <summary>
        /// The window new data may use: cwnd, plus one SMSS for each of the first two duplicate ACKs outside recovery
        /// (limited transmit, RFC 3042 2: at most cwnd + 2 SMSS outstanding, cwnd itself unchanged).
        /// </summary>
        public readonly long SendWindow =>
            InRecovery ? Window : Window + Math.Min(DuplicateAcks, DuplicateAckThreshold - 1) * (long)_mss;

        /// <summary>Octets just sent past cwnd under limited transmit: remembered so ssthresh leaves them out.</summary>
        public void OnLimitedTransmit(long octets) => _limitedTransmitOctets += octets;

        /// <summary>
        /// New data acknowledged during recovery. Returns true for a partial ACK, after which the first unacknowledged
        /// segment must be retransmitted (RFC 6582 3.2 step 5); a full ACK ends recovery (step 6).
        /// </summary>
        public bool OnRecoveryAck(uint ack, long ackedOctets, long flightSize)
        {
            if (!IsAfter(Recover, ack))
            {
                InRecovery = false;
                SackRecovery = false;
                DuplicateAcks = 0;
                Window = Math.Min(SlowStartThreshold, Math.Max(flightSize, _mss) + _mss);
                return false;
            }

            if (SackRecovery)
            {
                return true; // RFC 6675: cwnd stays ssthresh; pipe shrinks with the ACK instead
            }

            Window = Math.Max(_mss, Window - ackedOctets + (ackedOctets >= _mss ? _mss : 0));
            return true;
        }

        /// <summary>The retransmission timer expired: loss window (RFC 5681 3.1 eq. (4), RFC 6582 3.2 step 4).</summary>
        public void OnTimeout(long flightSize, uint highestSent)
        {
            SlowStartThreshold = Math.Max(flightSize / 2, 2L * _mss);
            Window = _mss;
            InRecovery = false;
            SackRecovery = false;
            DuplicateAcks = 0;
            _avoidanceCredit = 0;
            _limitedTransmitOctets = 0;
            Recover = highestSent;
        }

        /// <summary>
        /// A retransmission turned out spurious (RFC 4015 Eifel response): cwnd and ssthresh go back to what they were
        /// before the loss response (<paramref name="window"/>, <paramref name="threshold"/>), and recovery ends.
        /// </summary>
        public void Undo(long window, long threshold)
        {
            Window = Math.Max(Window, window);
            SlowStartThreshold = Math.Max(SlowStartThreshold, threshold);
            InRecovery = false;
            SackRecovery = false;
            DuplicateAcks = 0;
        }

        /// <summary>a &gt; b in 32-bit sequence space.</summary>
        private static bool IsAfter(uint a, uint b) => unchecked((int)(a - b)) > 0;
    }
}
