namespace TcpGen.Runtime.Buffers
{
    /// <summary>
    /// A block of octets held out of order by a <see cref="ReceiveBuffer"/>, relative to RCV.NXT: it covers
    /// sequence numbers RCV.NXT + <see cref="Offset"/> up to, not including, RCV.NXT + <see cref="End"/>.
    /// These are the blocks a SACK option reports (RFC 2018 section 3: left edge, right edge).
    /// </summary>
    /// <param name="Offset">Octets from RCV.NXT to the block's first octet; always positive (a gap precedes it).</param>
    /// <param name="Length">Octets in the block; always positive.</param>
    public readonly record struct ReceivedRange(int Offset, int Length)
    {
        /// <summary>Offset from RCV.NXT of the octet just after the block (the SACK right edge).</summary>
        public int End => Offset + Length;
    }
}
