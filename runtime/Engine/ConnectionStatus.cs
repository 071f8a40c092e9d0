namespace TcpGen.Runtime.Engine
{
    /// <summary>
    /// A snapshot of one connection for the user. <see cref="UrgentBytes"/> counts the urgent octets from the read
    /// position up to the peer's urgent pointer (MUST-33); the data itself is read inline. <see cref="LastIcmpError"/> is
    /// the latest ICMP error directed to the connection (MUST-54), default when none arrived.
    /// </summary>
    public readonly record struct ConnectionStatus(
        TcpState State,
        EndReason EndReason,
        int ReadableBytes,
        int SendBufferFree,
        bool ReceiveFinished,
        Endpoint Local,
        Endpoint Remote,
        int UrgentBytes = 0,
        IcmpError LastIcmpError = default)
    {
        /// <summary>The RFC 9293 name of the state (both SYN-RECEIVED variants report SYN-RECEIVED).</summary>
        public string RfcStateName => TcpTransitions.RfcStateName(State);
    }
}
