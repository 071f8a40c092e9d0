namespace TcpGen.Runtime.Engine
{
    /// <summary>Why the last user call on the engine failed (RFC 9293 3.10 error responses; MUST-47 error reporting).</summary>
    public enum TcpError : byte
    {
        /// <summary>The call succeeded.</summary>
        None,

        /// <summary>"connection does not exist": the handle is stale or the connection is CLOSED.</summary>
        ConnectionDoesNotExist,

        /// <summary>"connection already exists": OPEN on a connection or 4-tuple already in use.</summary>
        ConnectionAlreadyExists,

        /// <summary>"foreign socket unspecified": SEND on a listener.</summary>
        RemoteUnspecified,

        /// <summary>"connection closing": SEND or CLOSE after CLOSE.</summary>
        ConnectionClosing,

        /// <summary>The address is broadcast, multicast, unspecified or of mixed families (MUST-46).</summary>
        InvalidAddress,

        /// <summary>No ephemeral port is free for an active OPEN.</summary>
        NoPortAvailable,

        /// <summary>The handle names a listener where a connection is needed, or the other way round.</summary>
        WrongKindOfHandle,
    }
}
