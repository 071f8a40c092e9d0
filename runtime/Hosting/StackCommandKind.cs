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

        /// <summary>Take an exact snapshot of the counters.</summary>
        Snapshot,
    }
}
