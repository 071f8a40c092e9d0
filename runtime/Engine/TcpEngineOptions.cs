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

        /// <summary>Maximum segment lifetime; TIME-WAIT lasts twice this (MUST-13).</summary>
        public TimeSpan MaximumSegmentLifetime { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>Initial retransmission timeout (RFC 6298 §2.1).</summary>
        public TimeSpan InitialRetransmissionTimeout { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>Lower bound of the RTO (RFC 6298 says 1 s; Linux uses 200 ms).</summary>
        public TimeSpan MinimumRetransmissionTimeout { get; set; } = TimeSpan.FromMilliseconds(200);

        /// <summary>Upper bound of the RTO after backoff.</summary>
        public TimeSpan MaximumRetransmissionTimeout { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>R2: give up on a connection after retransmitting this long (MUST-20..23); also bounds SYN retries.</summary>
        public TimeSpan UserTimeout { get; set; } = TimeSpan.FromSeconds(100);

        /// <summary>Delayed ACK timer; must be under 500 ms (MUST-40, SHLD-19).</summary>
        public TimeSpan DelayedAckTimeout { get; set; } = TimeSpan.FromMilliseconds(40);

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
    }
}
