using System;
using System.Buffers.Binary;

namespace TcpGen.Runtime.Codec
{
    /// <summary>
    /// The IPv6 header (RFC 8200 3) and its extension header chain: validation of arriving packets and writing of
    /// outgoing ones.
    /// <para>Checks, first failure wins: the 40-octet header is present, version 6, Payload Length within the buffer
    /// (octets beyond it are link padding and are trimmed; Payload Length 0, i.e. a jumbogram, is not supported and
    /// ends up too short for TCP), then the extension header chain, then addresses.</para>
    /// <para>Extension headers (RFC 8200 4): Hop-by-Hop (only directly after the IPv6 header, 4.1), Routing with
    /// Segments Left 0 (this host is the final destination, so the header's destination address is the one the
    /// pseudo-header uses, 8.1) and Destination Options are walked. Inside option headers, Pad1/PadN and options
    /// whose type says "skip if unrecognized" (top two bits 00, 4.2) are skipped; any other option, a Routing header
    /// with segments left, ESP, AH, Mobility, HIP, Shim6 and the experimental numbers are
    /// <see cref="DropReason.UnsupportedExtensionHeader"/>. A Fragment header is <see cref="DropReason.IpFragment"/>.
    /// Any other next header ends the chain as the upper-layer protocol.</para>
    /// <para>Addresses (RFC 9293 3.9.2.3, MUST-57, MUST-63; RFC 4291 2.5.2, 2.7): an unspecified or multicast source or
    /// destination is <see cref="DropReason.InvalidAddress"/>. Loopback ::1 is accepted for the same reason as
    /// IPv4 loopback (see <see cref="Ipv4Header"/>).</para>
    /// </summary>
    public static class Ipv6Header
    {
        /// <summary>The fixed header.</summary>
        public const int Length = 40;

        /// <summary>The largest payload the 16-bit Payload Length can describe.</summary>
        public const int MaximumPayloadLength = 65535;

        /// <summary>Validates <paramref name="packet"/> as an IPv6 packet; never throws.</summary>
        public static PacketParseResult Parse(ReadOnlySpan<byte> packet, out IpPacketView view)
        {
            view = default;
            if (packet.Length < Length)
            {
                return DropReason.TruncatedHeader;
            }

            if ((packet[0] >> 4) != 6)
            {
                return DropReason.BadIpVersion;
            }

            int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(packet.Slice(4));
            if (payloadLength > packet.Length - Length)
            {
                return DropReason.IpLengthMismatch;
            }

            ReadOnlySpan<byte> datagram = packet.Slice(0, Length + payloadLength);
            PacketParseResult chain = WalkExtensionHeaders(datagram, out int upperLayerOffset, out byte protocol);
            if (!chain.IsOk)
            {
                return chain;
            }

            Ipv6Address source = Ipv6Address.Read(datagram.Slice(8));
            Ipv6Address destination = Ipv6Address.Read(datagram.Slice(24));
            if (!IsValidSource(source) || !IsValidDestination(destination))
            {
                return DropReason.InvalidAddress;
            }

            view = new IpPacketView(IpVersion.V6, datagram.Slice(0, upperLayerOffset), datagram.Slice(upperLayerOffset), protocol);
            return PacketParseResult.Ok;
        }

        /// <summary>A source TCP may answer: neither unspecified nor multicast (MUST-63).</summary>
        public static bool IsValidSource(Ipv6Address address) => !address.IsUnspecified && !address.IsMulticast;

        /// <summary>A destination TCP may accept: neither unspecified nor multicast (MUST-57).</summary>
        public static bool IsValidDestination(Ipv6Address address) => !address.IsUnspecified && !address.IsMulticast;

        /// <summary>Writes the 40-octet header with no extension headers (RFC 8200 3).</summary>
        internal static void Write(
            Span<byte> destination,
            Ipv6Address source,
            Ipv6Address target,
            byte nextHeader,
            int payloadLength,
            byte trafficClass,
            uint flowLabel,
            byte hopLimit)
        {
            Span<byte> header = destination.Slice(0, Length);
            uint versionClassFlow = (6u << 28) | ((uint)trafficClass << 20) | (flowLabel & 0xFFFFF);
            BinaryPrimitives.WriteUInt32BigEndian(header, versionClassFlow);
            BinaryPrimitives.WriteUInt16BigEndian(header.Slice(4), (ushort)payloadLength);
            header[6] = nextHeader;
            header[7] = hopLimit;
            source.WriteTo(header.Slice(8));
            target.WriteTo(header.Slice(24));
        }

        /// <summary>Follows Next Header from the fixed header to the upper layer; loops at most once per 8 octets.</summary>
        private static PacketParseResult WalkExtensionHeaders(ReadOnlySpan<byte> datagram, out int offset, out byte nextHeader)
        {
            offset = Length;
            nextHeader = datagram[6];
            while (true)
            {
                switch (nextHeader)
                {
                    case IpProtocol.HopByHopOptions:
                    case IpProtocol.Routing:
                    case IpProtocol.DestinationOptions:
                        break;
                    case IpProtocol.Fragment:
                        return DropReason.IpFragment;
                    case IpProtocol.EncapsulatingSecurityPayload:
                    case IpProtocol.AuthenticationHeader:
                    case IpProtocol.Mobility:
                    case IpProtocol.HostIdentity:
                    case IpProtocol.Shim6:
                    case IpProtocol.Experimental1:
                    case IpProtocol.Experimental2:
                        return DropReason.UnsupportedExtensionHeader;
                    default:
                        return PacketParseResult.Ok;
                }

                // Hop-by-Hop is allowed only immediately after the IPv6 header (RFC 8200 4.1).
                if (nextHeader == IpProtocol.HopByHopOptions && offset != Length)
                {
                    return DropReason.MalformedExtensionHeader;
                }

                // Every walked header starts with Next Header and Hdr Ext Len (8-octet units beyond the first 8).
                if (datagram.Length - offset < 8)
                {
                    return DropReason.TruncatedHeader;
                }

                int extensionLength = (datagram[offset + 1] + 1) * 8;
                if (extensionLength > datagram.Length - offset)
                {
                    return DropReason.TruncatedHeader;
                }

                ReadOnlySpan<byte> extension = datagram.Slice(offset, extensionLength);
                PacketParseResult result = nextHeader == IpProtocol.Routing
                    ? CheckRouting(extension)
                    : CheckOptions(extension);
                if (!result.IsOk)
                {
                    return result;
                }

                nextHeader = extension[0];
                offset += extensionLength;
            }
        }

        /// <summary>Only a routing header with no segments left names this host as the final destination (RFC 8200 4.4).</summary>
        private static PacketParseResult CheckRouting(ReadOnlySpan<byte> extension) =>
            extension[3] == 0 ? PacketParseResult.Ok : DropReason.UnsupportedExtensionHeader;

        /// <summary>Walks the TLV options of a Hop-by-Hop or Destination Options header (RFC 8200 4.2).</summary>
        private static PacketParseResult CheckOptions(ReadOnlySpan<byte> extension)
        {
            const byte pad1 = 0;
            const byte padN = 1;
            int offset = 2;
            while (offset < extension.Length)
            {
                byte type = extension[offset];
                if (type == pad1)
                {
                    offset++;
                    continue;
                }

                if (offset + 2 > extension.Length || offset + 2 + extension[offset + 1] > extension.Length)
                {
                    return DropReason.MalformedExtensionHeader;
                }

                // Top two bits 00: skip an unrecognized option; anything else asks for the packet to be discarded.
                if (type != padN && (type >> 6) != 0)
                {
                    return DropReason.UnsupportedExtensionHeader;
                }

                offset += 2 + extension[offset + 1];
            }

            return PacketParseResult.Ok;
        }
    }
}
