using System;
using System.Buffers.Binary;

namespace TcpGen.Runtime.Codec
{
    /// <summary>
    /// A validated IPv4 or IPv6 packet, viewed in place over the caller's buffer (no copy). Fields are decoded on
    /// access. Valid only as long as the buffer is.
    /// </summary>
    public readonly ref struct IpPacketView
    {
        /// <summary>The IP header, IPv4 options or IPv6 extension headers included.</summary>
        private readonly ReadOnlySpan<byte> _header;

        /// <summary>The upper-layer bytes, trimmed to the length the IP header states.</summary>
        private readonly ReadOnlySpan<byte> _payload;

        /// <summary>The family, decided before any field is decoded.</summary>
        private readonly IpVersion _version;

        /// <summary>IPv4 Protocol, or the Next Header that ends the IPv6 extension header chain.</summary>
        private readonly byte _protocol;

        /// <summary>Built by <see cref="Ipv4Header.Parse"/> and <see cref="Ipv6Header.Parse"/> once the packet is valid.</summary>
        internal IpPacketView(IpVersion version, ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload, byte protocol)
        {
            _version = version;
            _header = header;
            _payload = payload;
            _protocol = protocol;
        }

        /// <summary>IPv4 or IPv6.</summary>
        public IpVersion Version => _version;

        /// <summary>The IP header bytes (IPv4 options and IPv6 extension headers included).</summary>
        public ReadOnlySpan<byte> Header => _header;

        /// <summary>The upper-layer bytes (for TCP: the segment), trailing link padding removed.</summary>
        public ReadOnlySpan<byte> Payload => _payload;

        /// <summary>The upper-layer protocol number (6 for TCP).</summary>
        public byte Protocol => _protocol;

        /// <summary>The source address.</summary>
        public IpAddress Source => _version == IpVersion.V4
            ? IpAddress.FromIpv4(Ipv4Address.Read(_header.Slice(12)))
            : IpAddress.FromIpv6(Ipv6Address.Read(_header.Slice(8)));

        /// <summary>The destination address.</summary>
        public IpAddress Destination => _version == IpVersion.V4
            ? IpAddress.FromIpv4(Ipv4Address.Read(_header.Slice(16)))
            : IpAddress.FromIpv6(Ipv6Address.Read(_header.Slice(24)));

        /// <summary>IPv4 Type of Service / IPv6 Traffic Class: DSCP in the top six bits, ECN in the low two (RFC 3168 5).</summary>
        public byte TrafficClass => _version == IpVersion.V4
            ? _header[1]
            : (byte)(((_header[0] & 0x0F) << 4) | (_header[1] >> 4));

        /// <summary>The ECN codepoint (RFC 3168 5): 0 Not-ECT, 1 ECT(1), 2 ECT(0), 3 CE.</summary>
        public byte EcnCodepoint => (byte)(TrafficClass & 0x03);

        /// <summary>IPv4 Time to Live / IPv6 Hop Limit.</summary>
        public byte HopLimit => _version == IpVersion.V4 ? _header[8] : _header[7];

        /// <summary>IPv4 Identification; 0 for IPv6.</summary>
        public ushort Identification => _version == IpVersion.V4 ? BinaryPrimitives.ReadUInt16BigEndian(_header.Slice(4)) : (ushort)0;

        /// <summary>IPv4 Don't Fragment flag; false for IPv6, which routers never fragment.</summary>
        public bool DontFragment => _version == IpVersion.V4 && (_header[6] & 0x40) != 0;

        /// <summary>IPv6 Flow Label (20 bits); 0 for IPv4.</summary>
        public uint FlowLabel => _version == IpVersion.V6
            ? (uint)(((_header[1] & 0x0F) << 16) | (_header[2] << 8) | _header[3])
            : 0;

        /// <summary>The pseudo-header sum for the upper-layer checksum (RFC 9293 3.1; RFC 8200 8.1).</summary>
        public ChecksumAccumulator CreatePseudoHeaderChecksum() =>
            ChecksumAccumulator.ForPseudoHeader(Source, Destination, _protocol, _payload.Length);
    }
}
