namespace TcpGen.Runtime.Engine
{
    /// <summary>A snapshot of one connection for the user.</summary>
    public readonly record struct ConnectionStatus(
        TcpState State,
        EndReason EndReason,
        int ReadableBytes,
        int SendBufferFree,
        bool ReceiveFinished,
        Endpoint Local,
        Endpoint Remote)
    {
        /// <summary>The RFC 9293 name of the state (both SYN-RECEIVED variants report SYN-RECEIVED).</summary>
        public string RfcStateName => TcpTransitions.RfcStateName(State);
    }
}
