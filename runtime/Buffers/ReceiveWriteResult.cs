namespace TcpGen.Runtime.Buffers
{
    /// <summary>What <see cref="ReceiveBuffer.Write"/> did with one segment's data.</summary>
    /// <param name="Advance">Octets by which RCV.NXT moved: newly readable in-order data (0 if the data was out of order).</param>
    /// <param name="OctetsBeforeNext">Leading octets ignored because they lie before RCV.NXT (already received).</param>
    /// <param name="OctetsBeyondWindow">Trailing octets dropped because they lie past the buffer's right edge.</param>
    /// <param name="DroppedRangeListFull">
    /// True if the data was out of order, joined no held block, and was dropped because the block list was full.
    /// </param>
    public readonly record struct ReceiveWriteResult(
        int Advance,
        int OctetsBeforeNext,
        int OctetsBeyondWindow,
        bool DroppedRangeListFull);
}
