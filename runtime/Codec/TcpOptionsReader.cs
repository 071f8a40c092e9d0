using System;
using System.Buffers.Binary;

namespace TcpGen.Runtime.Codec
{
    /// <summary>
    /// Parses the option list of a TCP header (RFC 9293 3.1 and 3.2) into <see cref="TcpOptions"/>.
    /// <list type="bullet">
    /// <item>Options may start at any octet (MUST-64); NOP and EOL are single octets, every other kind has a length (MUST-68).</item>
    /// <item>Unknown kinds are skipped by their length (MUST-6) and counted in <see cref="TcpOptions.UnknownOptionCount"/>.</item>
    /// <item>A length below 2, one that runs past the header, or one that contradicts a known kind's fixed size is an
    ///   illegal option length: the segment is dropped and counted rather than guessed at (MUST-7).</item>
    /// <item>A repeated option overwrites the earlier one (last wins), for every kind.</item>
    /// <item>Octets after EOL are padding; MUST-69 obliges the sender to zero them, the receiver does not inspect them.</item>
    /// </list>
    /// </summary>
    public static class TcpOptionsReader
    {
        /// <summary>Parses <paramref name="optionBytes"/> (the header bytes after the fixed 20 octets).</summary>
        public static PacketParseResult Parse(ReadOnlySpan<byte> optionBytes, out TcpOptions options)
        {
            options = default;
            int offset = 0;
            while (offset < optionBytes.Length)
            {
                byte kind = optionBytes[offset];
                if (kind == (byte)TcpOptionKind.EndOfOptionList)
                {
                    break;
                }

                if (kind == (byte)TcpOptionKind.NoOperation)
                {
                    offset++;
                    continue;
                }

                // Every other kind carries a length octet that counts kind and length themselves (RFC 9293 3.1, MUST-68).
                if (offset + 1 >= optionBytes.Length)
                {
                    return DropReason.IllegalOptionLength;
                }

                int length = optionBytes[offset + 1];
                if (length < 2 || offset + length > optionBytes.Length)
                {
                    return DropReason.IllegalOptionLength;
                }

                if (!TryApply((TcpOptionKind)kind, optionBytes.Slice(offset, length), ref options))
                {
                    return DropReason.IllegalOptionLength;
                }

                offset += length;
            }

            return PacketParseResult.Ok;
        }

        /// <summary>Stores one length-delimited option; false when its length is wrong for its kind.</summary>
        private static bool TryApply(TcpOptionKind kind, ReadOnlySpan<byte> option, ref TcpOptions options)
        {
            switch (kind)
            {
                case TcpOptionKind.MaximumSegmentSize:
                    if (option.Length != 4)
                    {
                        return false;
                    }

                    options.MaximumSegmentSize = BinaryPrimitives.ReadUInt16BigEndian(option.Slice(2));
                    return true;

                case TcpOptionKind.WindowScale:
                    if (option.Length != 3)
                    {
                        return false;
                    }

                    options.WindowScale = option[2];
                    return true;

                case TcpOptionKind.SackPermitted:
                    if (option.Length != 2)
                    {
                        return false;
                    }

                    options.SackPermitted = true;
                    return true;

                case TcpOptionKind.Sack:
                    // 2 + 8n octets with n from 1 to 4; a 40-octet option space cannot hold more than 4 blocks.
                    int blockCount = (option.Length - 2) / 8;
                    if (option.Length < 10 || (option.Length - 2) % 8 != 0 || blockCount > TcpOptions.MaxSackBlocks)
                    {
                        return false;
                    }

                    options.ClearSackBlocks();
                    for (int i = 0; i < blockCount; i++)
                    {
                        ReadOnlySpan<byte> block = option.Slice(2 + (i * 8), 8);
                        options.TryAddSackBlock(new SackBlock(
                            BinaryPrimitives.ReadUInt32BigEndian(block),
                            BinaryPrimitives.ReadUInt32BigEndian(block.Slice(4))));
                    }

                    return true;

                case TcpOptionKind.Timestamps:
                    if (option.Length != 10)
                    {
                        return false;
                    }

                    options.Timestamps = new TcpTimestamps(
                        BinaryPrimitives.ReadUInt32BigEndian(option.Slice(2)),
                        BinaryPrimitives.ReadUInt32BigEndian(option.Slice(6)));
                    return true;

                default:
                    options.UnknownOptionCount++;
                    return true;
            }
        }
    }
}
