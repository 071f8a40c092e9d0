namespace TcpGen.Runtime.Engine
{
    /// <summary>One change on one connection, queued by the engine and drained by the embedding layer.</summary>
    public readonly record struct ConnectionNotification(ConnectionHandle Connection, NotificationKind Kind);
}
