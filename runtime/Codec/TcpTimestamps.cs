namespace TcpGen.Runtime.Codec
{
    /// <summary>The two fields of the Timestamps option (RFC 7323 3.2).</summary>
    /// <param name="Value">TSval: the sender's timestamp clock.</param>
    /// <param name="EchoReply">TSecr: the most recent TSval received from the peer.</param>
    public readonly record struct TcpTimestamps(uint Value, uint EchoReply);
}
