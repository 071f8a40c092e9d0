using System;
using System.Buffers.Binary;

namespace TcpGen.Runtime.Codec
{
    /// <summary>
    /// The IPv4 header (RFC 791 3.1): validation of arriving packets and writing of outgoing ones.
    /// <para>Arriving packets are checked in this order, first failure wins: length of the fixed header, version,
    /// IHL >= 5, IHL within the buffer, header checksum, total length between IHL and the buffer (octets after total
    /// length are link padding and are trimmed), fragments (MF or offset != 0: no reassembly), addresses.</para>
    /// <para>Addresses (RFC 9293 3.9.2.3, MUST-57, MUST-63; RFC 1122 3.2.1.3): a source in 0.0.0.0/8, 224.0.0.0/4 or
    /// 255.255.255.255 and a destination in 0.0.0.0/8, 224.0.0.0/4 or 255.255.255.255 are dropped as
    /// <see cref="DropReason.InvalidAddress"/> for every segment, not only SYNs, as RFC 9293 3.9.2.3 advises.
    /// Directed broadcasts need the subnet mask, which the codec does not know: the engine's interface layer owns
    /// that check. Loopback 127.0.0.0/8 is accepted: the codec cannot tell which interface a packet came from
    /// (RFC 1122 (g) forbids it only "outside a host"), and the project's tests run over loopback.</para>
    /// IP options are skipped via IHL (MUST-50); the raw header stays available in <see cref="IpPacketView.Header"/>.
    /// </summary>
    public static class Ipv4Header
    {
        /// <summary>The fixed header without options.</summary>
        public const int MinimumLength = 20;

        /// <summary>The largest datagram the 16-bit Total Length can describe.</summary>
        public const int MaximumTotalLength = 65535;

        /// <summary>Validates <paramref name="packet"/> as an IPv4 datagram; never throws.</summary>
        public static PacketParseResult Parse(ReadOnlySpan<byte> packet, out IpPacketView view)
        {
            view = default;
            if (packet.Length < MinimumLength)
            {
                return DropReason.TruncatedHeader;
            }

            if ((packet[0] >> 4) != 4)
            {
                return DropReason.BadIpVersion;
            }

            int headerLength = (packet[0] & 0x0F) * 4;
            if (headerLength < MinimumLength)
            {
                return DropReason.BadIpHeaderLength;
            }

            if (headerLength > packet.Length)
            {
                return DropReason.TruncatedHeader;
            }

            ReadOnlySpan<byte> header = packet.Slice(0, headerLength);
            if (!InternetChecksum.Verify(header))
            {
                return DropReason.BadIpHeaderChecksum;
            }

            int totalLength = BinaryPrimitives.ReadUInt16BigEndian(header.Slice(2));
            if (totalLength < headerLength || totalLength > packet.Length)
            {
                return DropReason.IpLengthMismatch;
            }

            ushort flagsAndOffset = BinaryPrimitives.ReadUInt16BigEndian(header.Slice(6));
            bool moreFragments = (flagsAndOffset & 0x2000) != 0;
            if (moreFragments || (flagsAndOffset & 0x1FFF) != 0)
            {
                return DropReason.IpFragment;
            }

            Ipv4Address source = Ipv4Address.Read(header.Slice(12));
            Ipv4Address destination = Ipv4Address.Read(header.Slice(16));
            if (!IsValidSource(source) || !IsValidDestination(destination))
            {
                return DropReason.InvalidAddress;
            }

            view = new IpPacketView(IpVersion.V4, header, packet.Slice(headerLength, totalLength - headerLength), header[9]);
            return PacketParseResult.Ok;
        }

        /// <summary>A source TCP may answer: not "this network", multicast or limited broadcast (MUST-63).</summary>
        public static bool IsValidSource(Ipv4Address address) =>
            !address.IsThisNetwork && !address.IsMulticast && !address.IsBroadcast;

        /// <summary>A destination TCP may accept: not "this network", multicast or limited broadcast (MUST-57).</summary>
        public static bool IsValidDestination(Ipv4Address address) =>
            !address.IsThisNetwork && !address.IsMulticast && !address.IsBroadcast;

        /// <summary>Writes a 20-octet header without options, checksum filled (RFC 791 3.1).</summary>
        internal static void Write(
            Span<byte> destination,
            Ipv4Address source,
            Ipv4Address target,
            byte protocol,
            int payloadLength,
            byte typeOfService,
            ushort identification,
            bool dontFragment,
            byte timeToLive)
        {
            Span<byte> header = destination.Slice(0, MinimumLength);
            header[0] = 0x45;
            header[1] = typeOfService;
            BinaryPrimitives.WriteUInt16BigEndian(header.Slice(2), (ushort)(MinimumLength + payloadLength));
            BinaryPrimitives.WriteUInt16BigEndian(header.Slice(4), identification);
            BinaryPrimitives.WriteUInt16BigEndian(header.Slice(6), dontFragment ? (ushort)0x4000 : (ushort)0);
            header[8] = timeToLive;
            header[9] = protocol;
            header[10] = 0;
            header[11] = 0;
            source.WriteTo(header.Slice(12));
            target.WriteTo(header.Slice(16));
            BinaryPrimitives.WriteUInt16BigEndian(header.Slice(10), InternetChecksum.Compute(header));
        }
    }
}
