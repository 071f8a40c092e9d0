using System;
using System.Buffers.Binary;

namespace TcpGen.Runtime.Codec
{
    /// <summary>
    /// A running Internet checksum over pieces that are not contiguous in memory: the pseudo-header fields, the
    /// TCP header and one or more payload slices (e.g. the two halves of a ring buffer), so the builder and the
    /// parser never copy data to checksum it. A piece may have odd length: the next piece then starts in the
    /// middle of a 16-bit word, which is accounted for by byte-swapping its sum (RFC 1071 section 2(B)).
    /// </summary>
    public struct ChecksumAccumulator
    {
        /// <summary>Wide sum of big-endian words so far; folded only when the result is read.</summary>
        private ulong _sum;

        /// <summary>True when an odd number of octets has been added, so the next octet is a word's low-order byte.</summary>
        private bool _odd;

        /// <summary>Starts an accumulator with the IPv4 pseudo-header of RFC 9293 3.1 (Figure 2).</summary>
        public static ChecksumAccumulator ForIpv4PseudoHeader(Ipv4Address source, Ipv4Address destination, byte protocol, int upperLayerLength)
        {
            var accumulator = default(ChecksumAccumulator);
            accumulator.AddUInt32(source.Value);
            accumulator.AddUInt32(destination.Value);
            accumulator.AddWord(protocol);
            accumulator.AddWord((ushort)upperLayerLength);
            return accumulator;
        }

        /// <summary>Starts an accumulator with the IPv6 pseudo-header of RFC 8200 8.1 (32-bit length, next header).</summary>
        public static ChecksumAccumulator ForIpv6PseudoHeader(Ipv6Address source, Ipv6Address destination, byte nextHeader, int upperLayerLength)
        {
            var accumulator = default(ChecksumAccumulator);
            accumulator.AddUInt64(source.High);
            accumulator.AddUInt64(source.Low);
            accumulator.AddUInt64(destination.High);
            accumulator.AddUInt64(destination.Low);
            accumulator.AddUInt32((uint)upperLayerLength);
            accumulator.AddWord(nextHeader);
            return accumulator;
        }

        /// <summary>Starts an accumulator with the pseudo-header for either family (both addresses must share it).</summary>
        public static ChecksumAccumulator ForPseudoHeader(IpAddress source, IpAddress destination, byte protocol, int upperLayerLength) =>
            source.IsIpv6
                ? ForIpv6PseudoHeader(source.AsIpv6(), destination.AsIpv6(), protocol, upperLayerLength)
                : ForIpv4PseudoHeader(source.AsIpv4(), destination.AsIpv4(), protocol, upperLayerLength);

        /// <summary>Adds the next octets of the checksummed stream.</summary>
        public void Add(ReadOnlySpan<byte> data)
        {
            if (data.IsEmpty)
            {
                return;
            }

            ushort piece = InternetChecksum.ToNetworkOrder(InternetChecksum.Fold(InternetChecksum.SumNative(data)));
            _sum += _odd ? BinaryPrimitives.ReverseEndianness(piece) : piece;
            _odd ^= (data.Length & 1) != 0;
        }

        /// <summary>Adds a 16-bit field given as a number (as it is written big-endian on the wire).</summary>
        public void AddWord(ushort value)
        {
            // A word that starts mid-word contributes its high byte to the current word and its low byte to the next.
            _sum += _odd ? BinaryPrimitives.ReverseEndianness(value) : value;
        }

        /// <summary>Adds a 32-bit field given as a number.</summary>
        public void AddUInt32(uint value)
        {
            AddWord((ushort)(value >> 16));
            AddWord((ushort)value);
        }

        /// <summary>Adds a 64-bit field given as a number.</summary>
        public void AddUInt64(ulong value)
        {
            AddUInt32((uint)(value >> 32));
            AddUInt32((uint)value);
        }

        /// <summary>The folded ones' complement sum so far (not complemented), as a number.</summary>
        public readonly ushort Sum => InternetChecksum.Fold(_sum);

        /// <summary>The value to write into a checksum field: the complement of <see cref="Sum"/> (MUST-2).</summary>
        public readonly ushort Checksum => (ushort)~Sum;

        /// <summary>True when the stream, checksum field included, sums to all ones (MUST-3).</summary>
        public readonly bool IsValid => Sum == 0xFFFF;
    }
}
