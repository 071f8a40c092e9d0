using System;
using System.Buffers.Binary;

namespace TcpGen.Runtime.Tests.Codec
{
    /// <summary>
    /// Assembles packets byte by byte from the RFC 791 / RFC 8200 / RFC 9293 layouts, with checksums from
    /// <see cref="ReferenceChecksum"/>, so parser tests never depend on the production builder.
    /// </summary>
    internal static class HandBuiltPacket
    {
        /// <summary>192.0.2.1 (TEST-NET-1).</summary>
        public static readonly byte[] ClientV4 = { 192, 0, 2, 1 };

        /// <summary>198.51.100.2 (TEST-NET-2).</summary>
        public static readonly byte[] ServerV4 = { 198, 51, 100, 2 };

        /// <summary>2001:db8::1.</summary>
        public static readonly byte[] ClientV6 = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };

        /// <summary>2001:db8::2.</summary>
        public static readonly byte[] ServerV6 = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2 };

        /// <summary>A TCP header plus data with a zero checksum (filled by the IP helpers).</summary>
        public static byte[] Tcp(
            ushort sourcePort = 40000,
            ushort destinationPort = 80,
            uint sequence = 1000,
            uint acknowledgment = 0,
            byte flags = 0x02,
            ushort window = 64240,
            byte[]? options = null,
            byte[]? payload = null,
            ushort urgentPointer = 0,
            int? dataOffsetWords = null)
        {
            options ??= Array.Empty<byte>();
            payload ??= Array.Empty<byte>();
            byte[] segment = new byte[20 + options.Length + payload.Length];
            BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(0), sourcePort);
            BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), destinationPort);
            BinaryPrimitives.WriteUInt32BigEndian(segment.AsSpan(4), sequence);
            BinaryPrimitives.WriteUInt32BigEndian(segment.AsSpan(8), acknowledgment);
            segment[12] = (byte)((dataOffsetWords ?? ((20 + options.Length) / 4)) << 4);
            segment[13] = flags;
            BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(14), window);
            BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(18), urgentPointer);
            options.CopyTo(segment, 20);
            payload.CopyTo(segment, 20 + options.Length);
            return segment;
        }

        /// <summary>An IPv4 datagram around <paramref name="segment"/>, both checksums filled.</summary>
        public static byte[] Ipv4(
            byte[] segment,
            byte[]? source = null,
            byte[]? destination = null,
            byte protocol = 6,
            byte timeToLive = 64,
            byte typeOfService = 0,
            ushort identification = 0x1c46,
            ushort flagsAndOffset = 0x4000,
            byte[]? ipOptions = null,
            int trailingPadding = 0)
        {
            source ??= ClientV4;
            destination ??= ServerV4;
            ipOptions ??= Array.Empty<byte>();
            int headerLength = 20 + ipOptions.Length;
            byte[] packet = new byte[headerLength + segment.Length + trailingPadding];
            packet[0] = (byte)(0x40 | (headerLength / 4));
            packet[1] = typeOfService;
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)(headerLength + segment.Length));
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), identification);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), flagsAndOffset);
            packet[8] = timeToLive;
            packet[9] = protocol;
            source.CopyTo(packet, 12);
            destination.CopyTo(packet, 16);
            ipOptions.CopyTo(packet, 20);
            segment.CopyTo(packet, headerLength);
            FixTcpChecksumV4(packet);
            FixIpv4HeaderChecksum(packet);
            return packet;
        }

        /// <summary>An IPv6 packet around optional extension headers and <paramref name="segment"/>, TCP checksum filled.</summary>
        public static byte[] Ipv6(
            byte[] segment,
            byte[]? source = null,
            byte[]? destination = null,
            byte firstNextHeader = 6,
            byte[]? extensionHeaders = null,
            byte trafficClass = 0,
            uint flowLabel = 0,
            byte hopLimit = 64,
            int trailingPadding = 0)
        {
            source ??= ClientV6;
            destination ??= ServerV6;
            extensionHeaders ??= Array.Empty<byte>();
            byte[] packet = new byte[40 + extensionHeaders.Length + segment.Length + trailingPadding];
            BinaryPrimitives.WriteUInt32BigEndian(packet, (6u << 28) | ((uint)trafficClass << 20) | flowLabel);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), (ushort)(extensionHeaders.Length + segment.Length));
            packet[6] = firstNextHeader;
            packet[7] = hopLimit;
            source.CopyTo(packet, 8);
            destination.CopyTo(packet, 24);
            extensionHeaders.CopyTo(packet, 40);
            segment.CopyTo(packet, 40 + extensionHeaders.Length);
            int tcpOffset = 40 + extensionHeaders.Length;
            SetTcpChecksum(packet.AsSpan(tcpOffset, segment.Length), ReferenceChecksum.TcpOverIpv6(packet.AsSpan(8, 16), packet.AsSpan(24, 16), ZeroedChecksum(packet.AsSpan(tcpOffset, segment.Length))));
            return packet;
        }

        /// <summary>Recomputes the IPv4 header checksum after a test edited the header.</summary>
        public static void FixIpv4HeaderChecksum(byte[] packet)
        {
            int headerLength = (packet[0] & 0x0F) * 4;
            packet[10] = 0;
            packet[11] = 0;
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), (ushort)~ReferenceChecksum.Sum(packet.AsSpan(0, headerLength)));
        }

        /// <summary>Recomputes the TCP checksum of an IPv4 packet built by <see cref="Ipv4"/> after a test edited the segment.</summary>
        public static void FixTcpChecksumV4(byte[] packet)
        {
            int headerLength = (packet[0] & 0x0F) * 4;
            int totalLength = BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(2));
            Span<byte> segment = packet.AsSpan(headerLength, totalLength - headerLength);
            SetTcpChecksum(segment, ReferenceChecksum.TcpOverIpv4(packet.AsSpan(12, 4), packet.AsSpan(16, 4), ZeroedChecksum(segment)));
        }

        /// <summary>A copy of the segment with its checksum field zeroed, as RFC 9293 3.1 sums it.</summary>
        private static byte[] ZeroedChecksum(ReadOnlySpan<byte> segment)
        {
            byte[] copy = segment.ToArray();
            if (copy.Length >= 18)
            {
                copy[16] = 0;
                copy[17] = 0;
            }

            return copy;
        }

        /// <summary>Stores a checksum if the segment is long enough to have the field.</summary>
        private static void SetTcpChecksum(Span<byte> segment, ushort checksum)
        {
            if (segment.Length >= 18)
            {
                BinaryPrimitives.WriteUInt16BigEndian(segment.Slice(16), checksum);
            }
        }
    }
}
