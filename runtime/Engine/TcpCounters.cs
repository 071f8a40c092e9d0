using TcpGen.Runtime.Codec;

namespace TcpGen.Runtime.Engine
{
    /// <summary>MIB-style totals of one engine (RFC 4022 names where one exists). Written only by the engine's thread.</summary>
    public sealed class TcpCounters
    {
        /// <summary>tcpInSegs: TCP segments received, including those in error (bad checksum, offset, options); not other packets.</summary>
        public long SegmentsReceived { get; internal set; }

        /// <summary>tcpOutSegs: segments sent.</summary>
        public long SegmentsSent { get; internal set; }

        /// <summary>tcpRetransSegs: segments retransmitted.</summary>
        public long Retransmissions { get; internal set; }

        /// <summary>Retransmission timer expiries that resent data (RFC 6298 5.4), persist-timer probes excluded.</summary>
        public long RetransmissionTimeouts { get; internal set; }

        /// <summary>Fast retransmits: the third duplicate ACK resent SND.UNA and started fast recovery (RFC 5681 3.2, RFC 6582).</summary>
        public long FastRetransmits { get; internal set; }

        /// <summary>Resends of SND.UNA in fast recovery because the earlier resend was itself lost (duplicates a round trip after it).</summary>
        public long LostRetransmissions { get; internal set; }

        /// <summary>Tail loss probes sent (RFC 8985 7).</summary>
        public long LossProbes { get; internal set; }

        /// <summary>Duplicate ACKs received in the sense of RFC 5681 2 (same ACK, no data, same window, data outstanding).</summary>
        public long DuplicateAcksReceived { get; internal set; }

        /// <summary>tcpActiveOpens.</summary>
        public long ActiveOpens { get; internal set; }

        /// <summary>tcpPassiveOpens.</summary>
        public long PassiveOpens { get; internal set; }

        /// <summary>tcpOutRsts: resets sent.</summary>
        public long ResetsSent { get; internal set; }

        /// <summary>Resets received that closed a connection.</summary>
        public long ResetsReceived { get; internal set; }

        /// <summary>Challenge ACKs sent (RFC 5961).</summary>
        public long ChallengeAcksSent { get; internal set; }

        /// <summary>SYNs dropped because a listener's SYN backlog or accept queue was full.</summary>
        public long ListenOverflows { get; internal set; }

        /// <summary>Challenge ACKs not sent because the connection's per-second budget was spent (RFC 5961 7).</summary>
        public long ChallengeAcksSuppressed { get; internal set; }

        /// <summary>Segments that reached no connection and no listener (answered with a reset unless a reset).</summary>
        public long SegmentsToNoConnection { get; internal set; }

        /// <summary>Segments dropped in a synchronized state because the ACK bit was off (RFC 9293 3.10.7.4 fifth check).</summary>
        public long SegmentsWithoutAck { get; internal set; }

        /// <summary>ICMP errors directed to a connection and reported to its user (MUST-54).</summary>
        public long IcmpErrorsDirected { get; internal set; }

        /// <summary>ICMP errors discarded: Source Quench (MUST-55), Packet Too Big, no such connection, or a quoted sequence number outside SND.UNA..SND.MAX.</summary>
        public long IcmpErrorsIgnored { get; internal set; }

        /// <summary>Keep-alive probes sent (RFC 9293 3.8.4).</summary>
        public long KeepAliveProbes { get; internal set; }

        /// <summary>Zero-window probes sent (MUST-36).</summary>
        public long WindowProbes { get; internal set; }

        /// <summary>Segments dropped because timestamps were agreed and the segment carried none (RFC 7323 3.2: "SHOULD silently drop").</summary>
        public long SegmentsWithoutTimestamp { get; internal set; }

        /// <summary>Segments rejected by PAWS: a TSval older than TS.Recent (RFC 7323 5.3 R1), answered with an ACK.</summary>
        public long TimestampRejections { get; internal set; }

        /// <summary>Holes resent in SACK recovery beyond the segment at SND.UNA (RFC 6675 NextSeg rule 1).</summary>
        public long SackRetransmissions { get; internal set; }

        /// <summary>Fast retransmits and RTOs found spurious by their ACK's timestamp echo and undone (RFC 3522, RFC 4015).</summary>
        public long SpuriousRetransmissions { get; internal set; }

        /// <summary>ACKs sent with SACK blocks (RFC 2018 4), D-SACK ones included.</summary>
        public long SackAcksSent { get; internal set; }

        /// <summary>D-SACK blocks sent, each reporting data received twice (RFC 2883).</summary>
        public long DuplicateSacksSent { get; internal set; }

        /// <summary>Malformed or unwanted packets, by named reason.</summary>
        public DropCounters Drops { get; } = new DropCounters();
    }
}
