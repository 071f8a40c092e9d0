using System;

namespace TcpGen.Runtime.Codec
{
    /// <summary>
    /// Entry point for arriving packets: IP header (v4 or v6 by the version nibble), then the TCP header.
    /// Never throws and never allocates; every rejection is a named <see cref="DropReason"/> for
    /// <see cref="DropCounters"/>.
    /// <para>TCP checks, first failure wins: protocol 6, the 20-octet fixed header present, Data Offset between 5
    /// words and the segment length, checksum over pseudo-header, header and data (MUST-3), options
    /// (<see cref="TcpOptionsReader"/>).</para>
    /// </summary>
    public static class PacketParser
    {
        /// <summary>The fixed TCP header without options.</summary>
        public const int TcpMinimumHeaderLength = 20;

        /// <summary>Parses a whole IP packet carrying TCP.</summary>
        public static PacketParseResult Parse(ReadOnlySpan<byte> packet, out TcpSegmentView segment)
        {
            segment = default;
            PacketParseResult ip = ParseIp(packet, out IpPacketView view);
            return ip.IsOk ? ParseTcp(view, out segment) : ip;
        }

        /// <summary>Parses only the IP layer, whatever it carries (the version nibble picks IPv4 or IPv6).</summary>
        public static PacketParseResult ParseIp(ReadOnlySpan<byte> packet, out IpPacketView view)
        {
            view = default;
            if (packet.IsEmpty)
            {
                return DropReason.TruncatedHeader;
            }

            return (packet[0] >> 4) switch
            {
                4 => Ipv4Header.Parse(packet, out view),
                6 => Ipv6Header.Parse(packet, out view),
                _ => DropReason.BadIpVersion,
            };
        }

        /// <summary>Parses the TCP segment carried by an already validated IP packet.</summary>
        public static PacketParseResult ParseTcp(IpPacketView ip, out TcpSegmentView segment)
        {
            segment = default;
            if (ip.Protocol != IpProtocol.Tcp)
            {
                return DropReason.NotTcp;
            }

            ReadOnlySpan<byte> bytes = ip.Payload;
            if (bytes.Length < TcpMinimumHeaderLength)
            {
                return DropReason.TruncatedHeader;
            }

            int headerLength = (bytes[12] >> 4) * 4;
            if (headerLength < TcpMinimumHeaderLength || headerLength > bytes.Length)
            {
                return DropReason.DataOffsetOutOfRange;
            }

            ChecksumAccumulator checksum = ip.CreatePseudoHeaderChecksum();
            checksum.Add(bytes);
            if (!checksum.IsValid)
            {
                return DropReason.BadChecksum;
            }

            PacketParseResult options = TcpOptionsReader.Parse(bytes.Slice(TcpMinimumHeaderLength, headerLength - TcpMinimumHeaderLength), out TcpOptions parsed);
            if (!options.IsOk)
            {
                return options;
            }

            segment = new TcpSegmentView(ip, bytes, headerLength, parsed);
            return PacketParseResult.Ok;
        }
    }
}
