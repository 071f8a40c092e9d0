using System;
using System.Buffers.Binary;

namespace TcpGen.Runtime.Codec
{
    /// <summary>
    /// Writes <see cref="TcpOptions"/> as a word-aligned option list, NOP-padded so every multi-octet field sits on
    /// its natural boundary (the layout RFC 7323 Appendix A suggests for Timestamps):
    /// <c>MSS | [SACK-Permitted] Timestamps | NOP NOP SACK-Permitted | NOP Window-Scale | NOP NOP SACK(n)</c>.
    /// MSS, Window Scale and SACK-Permitted are written only on SYN segments (MUST-65; RFC 7323 2.2; RFC 2018 2).
    /// SACK blocks beyond what fits in 40 octets are left out, last ones first (RFC 2018 4: the first block is the
    /// most recent). Any leftover octets are zero padding (MUST-69).
    /// </summary>
    public static class TcpOptionsWriter
    {
        /// <summary>The option octets <see cref="Write"/> will produce: a multiple of 4, at most 40.</summary>
        public static int GetLength(in TcpOptions options, bool syn)
        {
            int fixedLength = FixedLength(options, syn);
            return fixedLength + SackLength(SackBlocksThatFit(options, fixedLength));
        }

        /// <summary>Writes the options; returns the octets written, or -1 when <paramref name="destination"/> is too small.</summary>
        public static int Write(Span<byte> destination, in TcpOptions options, bool syn)
        {
            int fixedLength = FixedLength(options, syn);
            int sackBlocks = SackBlocksThatFit(options, fixedLength);
            int total = fixedLength + SackLength(sackBlocks);
            if (destination.Length < total)
            {
                return -1;
            }

            int offset = 0;
            if (syn && options.MaximumSegmentSize is ushort mss)
            {
                destination[offset] = (byte)TcpOptionKind.MaximumSegmentSize;
                destination[offset + 1] = 4;
                BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(offset + 2), mss);
                offset += 4;
            }

            bool sackPermitted = syn && options.SackPermitted;
            if (options.Timestamps is TcpTimestamps timestamps)
            {
                // SACK-Permitted (2 octets) fills the two alignment octets in front of Timestamps when present.
                if (sackPermitted)
                {
                    destination[offset] = (byte)TcpOptionKind.SackPermitted;
                    destination[offset + 1] = 2;
                    sackPermitted = false;
                }
                else
                {
                    destination[offset] = (byte)TcpOptionKind.NoOperation;
                    destination[offset + 1] = (byte)TcpOptionKind.NoOperation;
                }

                destination[offset + 2] = (byte)TcpOptionKind.Timestamps;
                destination[offset + 3] = 10;
                BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(offset + 4), timestamps.Value);
                BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(offset + 8), timestamps.EchoReply);
                offset += 12;
            }

            if (sackPermitted)
            {
                destination[offset] = (byte)TcpOptionKind.NoOperation;
                destination[offset + 1] = (byte)TcpOptionKind.NoOperation;
                destination[offset + 2] = (byte)TcpOptionKind.SackPermitted;
                destination[offset + 3] = 2;
                offset += 4;
            }

            if (syn && options.WindowScale is byte shift)
            {
                destination[offset] = (byte)TcpOptionKind.NoOperation;
                destination[offset + 1] = (byte)TcpOptionKind.WindowScale;
                destination[offset + 2] = 3;
                destination[offset + 3] = shift;
                offset += 4;
            }

            if (sackBlocks > 0)
            {
                destination[offset] = (byte)TcpOptionKind.NoOperation;
                destination[offset + 1] = (byte)TcpOptionKind.NoOperation;
                destination[offset + 2] = (byte)TcpOptionKind.Sack;
                destination[offset + 3] = (byte)(2 + (8 * sackBlocks));
                offset += 4;
                for (int i = 0; i < sackBlocks; i++)
                {
                    SackBlock block = options.GetSackBlock(i);
                    BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(offset), block.LeftEdge);
                    BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(offset + 4), block.RightEdge);
                    offset += 8;
                }
            }

            // Every piece above is a whole number of words; zero-fill anyway so the header is never left dirty (MUST-69).
            destination.Slice(offset, total - offset).Clear();
            return total;
        }

        /// <summary>Octets used by everything except SACK blocks.</summary>
        private static int FixedLength(in TcpOptions options, bool syn)
        {
            int length = 0;
            if (syn && options.MaximumSegmentSize.HasValue)
            {
                length += 4;
            }

            bool sackPermitted = syn && options.SackPermitted;
            if (options.Timestamps.HasValue)
            {
                length += 12;
            }
            else if (sackPermitted)
            {
                length += 4;
            }

            if (syn && options.WindowScale.HasValue)
            {
                length += 4;
            }

            return length;
        }

        /// <summary>How many of the held SACK blocks fit after <paramref name="fixedLength"/> octets.</summary>
        private static int SackBlocksThatFit(in TcpOptions options, int fixedLength)
        {
            int room = TcpOptions.MaxLength - fixedLength - 4;
            return room < 8 ? 0 : Math.Min(options.SackBlockCount, room / 8);
        }

        /// <summary>Octets used by a NOP-aligned SACK option with <paramref name="blocks"/> blocks.</summary>
        private static int SackLength(int blocks) => blocks == 0 ? 0 : 4 + (8 * blocks);
    }
}
