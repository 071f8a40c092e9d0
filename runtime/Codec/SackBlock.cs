namespace TcpGen.Runtime.Codec
{
    /// <summary>One SACK block (RFC 2018 3): the sequence numbers of the first octet received and of the octet just past it.</summary>
    /// <param name="LeftEdge">First sequence number of the block.</param>
    /// <param name="RightEdge">Sequence number immediately following the last octet of the block.</param>
    public readonly record struct SackBlock(uint LeftEdge, uint RightEdge);
}
