namespace TcpGen.Runtime.Hosting
{
    /// <summary>The user calls a <see cref="TcpStack"/> marshals onto its loop thread.</summary>
    internal enum StackCommandKind : byte
    {
        /// <summary>Passive OPEN on a port.</summary>
        Listen,

        /// <summary>A caller waits for the next connection of a listener.</summary>
        Accept,

        /// <summary>Close a listener.</summary>
        StopListening,

        /// <summary>Active OPEN.</summary>
        Connect,

        /// <summary>Drop received data from now on (graceful close in progress).</summary>
        DiscardInput,

        /// <summary>ABORT: reset the connection.</summary>
        Abort,

        /// <summary>The user is done with the connection.</summary>
        Release,

        /// <summary>Switch Nagle off or on.</summary>
        SetNoDelay,

        /// <summary>Switch keep-alives off or on (MUST-24).</summary>
        SetKeepAlive,

        /// <summary>Set the connection's R2 give-up time (MUST-21).</summary>
        SetUserTimeout,

        /// <summary>Send data marked urgent after everything written before it (MUST-30, MUST-62).</summary>
        SendUrgent,

        /// <summary>Take an exact snapshot of the counters.</summary>
        Snapshot,
    }
}
