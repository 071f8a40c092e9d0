namespace TcpGen.Runtime.Engine
{
    /// <summary>How a connection ended, so the user can tell a graceful close from a reset (MUST-12).</summary>
    public enum EndReason : byte
    {
        /// <summary>Still open (or never opened).</summary>
        None,

        /// <summary>Both FINs were exchanged and acknowledged.</summary>
        Graceful,

        /// <summary>The peer reset the connection.</summary>
        Reset,

        /// <summary>The peer refused our connection attempt (RST in SYN-SENT / SYN-RECEIVED after an active open).</summary>
        Refused,

        /// <summary>Retransmissions or keep-alives went unanswered (user timeout, R2).</summary>
        TimedOut,

        /// <summary>The local user aborted.</summary>
        Aborted,
    }
}
