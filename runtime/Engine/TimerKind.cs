namespace TcpGen.Runtime.Engine
{
    /// <summary>Which of a connection's timers fired; stored as the timing wheel's kind byte.</summary>
    internal enum TimerKind : byte
    {
        /// <summary>Retransmission (RFC 6298) or, while the peer's window is closed, the persist timer (RFC 9293 3.8.6.1).</summary>
        Retransmit = 1,

        /// <summary>Delayed ACK (RFC 9293 3.8.6.3, MUST-40).</summary>
        DelayedAck = 2,

        /// <summary>2 x MSL in TIME-WAIT (MUST-13).</summary>
        TimeWait = 3,

        /// <summary>FIN-WAIT-2 timeout of an orphaned connection.</summary>
        FinWait2 = 4,

        /// <summary>Keep-alive interval (RFC 9293 3.8.4).</summary>
        Keepalive = 5,

        /// <summary>Probe timeout of a tail loss probe (RFC 8985 7).</summary>
        LossProbe = 6,
    }
}
