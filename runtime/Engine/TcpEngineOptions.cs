using System;

namespace TcpGen.Runtime.Engine
{
    /// <summary>Tunables of one engine. Defaults follow RFC 9293, RFC 6298 and Linux where the RFCs leave a choice.</summary>
    public sealed class TcpEngineOptions
    {
        /// <summary>The MSS we announce and the largest payload we send before the peer's MSS is known (MUST-14..16).</summary>
        public int MaxSegmentSize { get; set; } = 1460;

        /// <summary>Per-connection send buffer, bytes.</summary>
        public int SendBufferSize { get; set; } = 256 * 1024;

        /// <summary>Per-connection receive buffer, bytes; it bounds the advertised window.</summary>
        public int ReceiveBufferSize { get; set; } = 256 * 1024;

        /// <summary>
        /// Maximum segment lifetime; TIME-WAIT lasts twice this (MUST-13). 60 s makes 2 x MSL (120 s) longer than the
        /// largest RTO (60 s), so a peer whose FIN retransmission backed off to the maximum still finds us in
        /// TIME-WAIT after our last ACK was lost, instead of drawing a reset.
        /// </summary>
        public TimeSpan MaximumSegmentLifetime { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>Initial retransmission timeout (RFC 6298 §2.1).</summary>
        public TimeSpan InitialRetransmissionTimeout { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>Lower bound of the RTO (RFC 6298 says 1 s; Linux uses 200 ms).</summary>
        public TimeSpan MinimumRetransmissionTimeout { get; set; } = TimeSpan.FromMilliseconds(200);

        /// <summary>Upper bound of the RTO after backoff.</summary>
        public TimeSpan MaximumRetransmissionTimeout { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>R2: give up on a connection after retransmitting this long (MUST-20, MUST-21: at least 100 s by default).</summary>
        public TimeSpan UserTimeout { get; set; } = TimeSpan.FromSeconds(100);

        /// <summary>R2 for a SYN (MUST-22, MUST-23: at least 3 minutes): an active OPEN gives up after retransmitting its SYN this long.</summary>
        public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromMinutes(3);

        /// <summary>Tail loss probes (RFC 8985 7): a segment sent after about two round trips of silence, before the RTO.</summary>
        public bool TailLossProbes { get; set; } = true;

        /// <summary>R1: after this many retransmissions of one segment the user is told of a delivery problem (MUST-20 negative advice).</summary>
        public int RetransmissionsBeforeAdvice { get; set; } = 3;

        /// <summary>IPv4 TTL / IPv6 hop limit of every segment sent (MUST-49).</summary>
        public byte HopLimit { get; set; } = 64;

        /// <summary>IPv4 TOS / IPv6 traffic class (DSCP and ECN bits) of every segment sent, unless set per connection (MUST-48).</summary>
        public byte TrafficClass { get; set; }

        /// <summary>Keep-alives for new connections (MUST-24, MUST-25: off unless asked for).</summary>
        public bool KeepAlive { get; set; }

        /// <summary>Idle time before the first keep-alive probe (MUST-27: configurable; MUST-28: at least two hours by default).</summary>
        public TimeSpan KeepAliveIdle { get; set; } = TimeSpan.FromHours(2);

        /// <summary>Time between unanswered keep-alive probes.</summary>
        public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(75);

        /// <summary>Unanswered probes before the connection is declared dead (MUST-29: one lost ACK is not enough).</summary>
        public int KeepAliveProbes { get; set; } = 9;

        /// <summary>Longest delayed-ACK timeout RFC 9293 allows (MUST-40: "the delay MUST be less than 0.5 seconds").</summary>
        public static readonly TimeSpan MaximumDelayedAckTimeout = TimeSpan.FromMilliseconds(500) - TimeSpan.FromTicks(TimeSpan.TicksPerMillisecond);

        /// <summary>Backing field of <see cref="DelayedAckTimeout"/>, kept within MUST-40's bound by the setter.</summary>
        private TimeSpan _delayedAckTimeout = TimeSpan.FromMilliseconds(40);

        /// <summary>
        /// Delayed ACK timer (RFC 9293 3.8.6.3): an ACK for in-order data waits at most this long (MUST-40: under
        /// 500 ms; zero acknowledges every segment at once). Every second full-sized segment is acknowledged at once (SHLD-19).
        /// </summary>
        public TimeSpan DelayedAckTimeout
        {
            get => _delayedAckTimeout;
            set
            {
                ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
                ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaximumDelayedAckTimeout);
                _delayedAckTimeout = value;
            }
        }

        /// <summary>Nagle's algorithm for new connections (MUST-17 says it can be turned off per connection).</summary>
        public bool NoDelay { get; set; }

        /// <summary>Half-open connections a listener keeps (SYN backlog).</summary>
        public int SynBacklog { get; set; } = 128;

        /// <summary>Established connections waiting for Accept.</summary>
        public int AcceptBacklog { get; set; } = 128;

        /// <summary>Challenge ACKs per connection per second (RFC 5961 §7).</summary>
        public int ChallengeAckLimitPerSecond { get; set; } = 10;

        /// <summary>Window scale shift we offer (RFC 7323); 0 to 14.</summary>
        public int WindowScale { get; set; } = 7;

        /// <summary>FIN-WAIT-2 timeout for orphaned connections (Linux tcp_fin_timeout).</summary>
        public TimeSpan FinWait2Timeout { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>
        /// Offer (active open) and accept (passive open) the Timestamps option (RFC 7323 3): RTT samples that survive
        /// retransmission (RTTM) and protection against wrapped sequence numbers (PAWS).
        /// </summary>
        public bool Timestamps { get; set; } = true;

        /// <summary>
        /// Offer and accept SACK-Permitted (RFC 2018): out-of-order data we hold is then reported in SACK blocks, and
        /// data received twice in a D-SACK block (RFC 2883), so the peer resends only what is missing.
        /// </summary>
        public bool SelectiveAcknowledgments { get; set; } = true;
    }
}
