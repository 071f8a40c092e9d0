using System;

namespace TcpGen.Runtime.Tests.Codec
{
    /// <summary>
    /// The plainest reading of RFC 1071: big-endian 16-bit words added one at a time with end-around carry,
    /// the odd last octet padded with zero on its right. Independent of the production code, used as the oracle.
    /// </summary>
    internal static class ReferenceChecksum
    {
        /// <summary>The folded ones' complement sum (not complemented).</summary>
        public static ushort Sum(ReadOnlySpan<byte> data)
        {
            uint sum = 0;
            for (int i = 0; i < data.Length; i += 2)
            {
                uint word = (uint)(data[i] << 8) | (i + 1 < data.Length ? data[i + 1] : 0u);
                sum += word;
                sum = (sum & 0xFFFF) + (sum >> 16);
            }

            return (ushort)sum;
        }

        /// <summary>The TCP checksum over an explicitly materialised IPv4 pseudo-header and the segment.</summary>
        public static ushort TcpOverIpv4(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, ReadOnlySpan<byte> segment)
        {
            byte[] buffer = new byte[12 + segment.Length];
            source.CopyTo(buffer);
            destination.CopyTo(buffer.AsSpan(4));
            buffer[9] = 6;
            buffer[10] = (byte)(segment.Length >> 8);
            buffer[11] = (byte)segment.Length;
            segment.CopyTo(buffer.AsSpan(12));
            return (ushort)~Sum(buffer);
        }

        /// <summary>The TCP checksum over an explicitly materialised IPv6 pseudo-header (RFC 8200 8.1) and the segment.</summary>
        public static ushort TcpOverIpv6(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, ReadOnlySpan<byte> segment)
        {
            byte[] buffer = new byte[40 + segment.Length];
            source.CopyTo(buffer);
            destination.CopyTo(buffer.AsSpan(16));
            buffer[34] = (byte)(segment.Length >> 8);
            buffer[35] = (byte)segment.Length;
            buffer[39] = 6;
            segment.CopyTo(buffer.AsSpan(40));
            return (ushort)~Sum(buffer);
        }
    }
}
