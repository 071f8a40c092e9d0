using System;
using System.Buffers.Binary;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Sequencing;

namespace TcpGen.Runtime.Engine
{
    /// <summary>
    /// An ICMP or ICMPv6 error about a TCP segment we sent (RFC 9293 3.9.2.2): its type and code, and the connection
    /// and sequence number read from the quoted segment, so it can be directed to that connection (MUST-54).
    /// </summary>
    public readonly record struct IcmpError(IpVersion Version, byte Type, byte Code)
    {
        /// <summary>ICMP protocol number in the IPv4 header.</summary>
        private const byte IcmpProtocol = 1;

        /// <summary>ICMPv6 next-header value.</summary>
        private const byte Icmpv6Protocol = 58;

        /// <summary>ICMP message header: type, code, checksum, four octets of type-specific data.</summary>
        private const int IcmpHeaderLength = 8;

        /// <summary>Octets of the quoted TCP header every ICMP error carries: ports and sequence number.</summary>
        private const int QuotedTcpLength = 8;

        /// <summary>IPv4 Source Quench (RFC 9293: silently discarded, MUST-55).</summary>
        public bool IsSourceQuench => Version == IpVersion.V4 && Type == 4;

        /// <summary>Packet Too Big or Fragmentation Needed: path MTU discovery's business, not an error of the connection.</summary>
        public bool IsPacketTooBig => Version == IpVersion.V4 ? Type == 3 && Code == 4 : Type == 2;

        /// <summary>
        /// A message this engine reports to the user: Destination Unreachable, Time Exceeded, Parameter Problem. None of
        /// them aborts a connection (MUST-56 for the soft ones).
        /// </summary>
        public bool IsReportable => !IsSourceQuench && !IsPacketTooBig && (Version == IpVersion.V4
            ? Type is 3 or 11 or 12
            : Type is 1 or 3 or 4);

        /// <summary>
        /// Reads an ICMP error out of an IP packet that is not TCP. False for anything else (echo, truncated quotes,
        /// quotes of non-TCP packets); never throws.
        /// </summary>
        internal static bool TryParse(ReadOnlySpan<byte> packet, out IcmpError error, out ConnectionKey key, out SeqNum quotedSequence)
        {
            error = default;
            key = default;
            quotedSequence = default;
            if (!PacketParser.ParseIp(packet, out IpPacketView ip).IsOk)
            {
                return false;
            }

            bool v4 = ip.Version == IpVersion.V4;
            if (ip.Protocol != (v4 ? IcmpProtocol : Icmpv6Protocol))
            {
                return false;
            }

            ReadOnlySpan<byte> icmp = ip.Payload;
            if (icmp.Length < IcmpHeaderLength)
            {
                return false;
            }

            ReadOnlySpan<byte> quoted = icmp.Slice(IcmpHeaderLength);
            IpAddress innerSource;
            IpAddress innerDestination;
            int innerHeaderLength;
            if (v4)
            {
                if (quoted.Length < 20 || (quoted[0] >> 4) != 4 || quoted[9] != IpProtocol.Tcp)
                {
                    return false;
                }

                innerHeaderLength = (quoted[0] & 0x0F) * 4;
                innerSource = IpAddress.FromIpv4(Ipv4Address.Read(quoted.Slice(12)));
                innerDestination = IpAddress.FromIpv4(Ipv4Address.Read(quoted.Slice(16)));
            }
            else
            {
                // Only a quote with TCP right after the fixed header is directed; extension headers are not walked.
                if (quoted.Length < 40 || (quoted[0] >> 4) != 6 || quoted[6] != IpProtocol.Tcp)
                {
                    return false;
                }

                innerHeaderLength = 40;
                innerSource = IpAddress.FromIpv6(Ipv6Address.Read(quoted.Slice(8)));
                innerDestination = IpAddress.FromIpv6(Ipv6Address.Read(quoted.Slice(24)));
            }

            if (innerHeaderLength < 20 || quoted.Length < innerHeaderLength + QuotedTcpLength)
            {
                return false;
            }

            ReadOnlySpan<byte> tcp = quoted.Slice(innerHeaderLength);
            ushort sourcePort = BinaryPrimitives.ReadUInt16BigEndian(tcp);
            ushort destinationPort = BinaryPrimitives.ReadUInt16BigEndian(tcp.Slice(2));
            quotedSequence = new SeqNum(BinaryPrimitives.ReadUInt32BigEndian(tcp.Slice(4)));
            if (ip.Destination != innerSource)
            {
                return false; // an error about a segment we sent comes back to the address that sent it
            }

            key = new ConnectionKey(innerSource, sourcePort, innerDestination, destinationPort); // we sent it: source is local
            error = new IcmpError(ip.Version, icmp[0], icmp[1]);
            return true;
        }
    }
}
