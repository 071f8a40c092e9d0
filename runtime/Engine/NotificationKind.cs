namespace TcpGen.Runtime.Engine
{
    /// <summary>What changed on a connection, for the embedding layer to wake its waiters.</summary>
    public enum NotificationKind : byte
    {
        /// <summary>The handshake completed (OPEN returned).</summary>
        Connected,

        /// <summary>New in-order data can be read.</summary>
        Readable,

        /// <summary>Send buffer space was freed.</summary>
        Writable,

        /// <summary>The peer's FIN arrived: no more data will come after what is buffered.</summary>
        ReceiveFinished,

        /// <summary>The connection reached CLOSED; see <see cref="ConnectionStatus.EndReason"/>.</summary>
        Closed,

        /// <summary>A listener has an established connection waiting in its accept queue.</summary>
        AcceptReady,

        /// <summary>Urgent data was announced by the peer (MUST-32).</summary>
        Urgent,

        /// <summary>A segment was retransmitted R1 times without an answer: the path may be failing (MUST-20); the connection goes on until R2.</summary>
        DeliveryProblem,

        /// <summary>An ICMP error about this connection arrived (MUST-54, SHLD-25); see <see cref="ConnectionStatus.LastIcmpError"/>. The connection goes on.</summary>
        IcmpError,
    }
}
