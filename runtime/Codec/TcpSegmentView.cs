using System;
using System.Buffers.Binary;

namespace TcpGen.Runtime.Codec
{
    /// <summary>
    /// A validated TCP segment (RFC 9293 3.1) with its IP context, viewed in place over the caller's buffer: the
    /// fixed fields are decoded on access, options were decoded once into <see cref="Options"/>. Valid only as
    /// long as the buffer is.
    /// </summary>
    public readonly ref struct TcpSegmentView
    {
        /// <summary>The enclosing IP packet: addresses, traffic class, hop limit.</summary>
        private readonly IpPacketView _ip;

        /// <summary>TCP header plus data.</summary>
        private readonly ReadOnlySpan<byte> _segment;

        /// <summary>Data Offset in octets, validated against the segment.</summary>
        private readonly int _headerLength;

        /// <summary>Options decoded once so the engine does not re-walk them.</summary>
        private readonly TcpOptions _options;

        /// <summary>Built by <see cref="PacketParser.ParseTcp"/> once the segment is valid.</summary>
        internal TcpSegmentView(IpPacketView ip, ReadOnlySpan<byte> segment, int headerLength, scoped in TcpOptions options)
        {
            _ip = ip;
            _segment = segment;
            _headerLength = headerLength;
            _options = options;
        }

        /// <summary>The enclosing IP packet.</summary>
        public IpPacketView Ip => _ip;

        /// <summary>IPv4 or IPv6.</summary>
        public IpVersion IpVersion => _ip.Version;

        /// <summary>The sender's address.</summary>
        public IpAddress Source => _ip.Source;

        /// <summary>The receiver's address.</summary>
        public IpAddress Destination => _ip.Destination;

        /// <summary>The sender's port.</summary>
        public ushort SourcePort => BinaryPrimitives.ReadUInt16BigEndian(_segment);

        /// <summary>The receiver's port.</summary>
        public ushort DestinationPort => BinaryPrimitives.ReadUInt16BigEndian(_segment.Slice(2));

        /// <summary>SEG.SEQ.</summary>
        public uint SequenceNumber => BinaryPrimitives.ReadUInt32BigEndian(_segment.Slice(4));

        /// <summary>SEG.ACK (meaningful only with ACK set).</summary>
        public uint AcknowledgmentNumber => BinaryPrimitives.ReadUInt32BigEndian(_segment.Slice(8));

        /// <summary>Data Offset in 32-bit words (5..15).</summary>
        public int DataOffset => _headerLength / 4;

        /// <summary>Header length in octets, options included.</summary>
        public int HeaderLength => _headerLength;

        /// <summary>The control bits; the four reserved bits are ignored on receipt (RFC 9293 3.1).</summary>
        public TcpFlags Flags => (TcpFlags)_segment[13];

        /// <summary>SEG.WND as sent, unscaled and unsigned (MUST-1).</summary>
        public ushort Window => BinaryPrimitives.ReadUInt16BigEndian(_segment.Slice(14));

        /// <summary>The checksum field as received (already verified).</summary>
        public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_segment.Slice(16));

        /// <summary>SEG.UP (meaningful only with URG set).</summary>
        public ushort UrgentPointer => BinaryPrimitives.ReadUInt16BigEndian(_segment.Slice(18));

        /// <summary>The decoded options.</summary>
        public TcpOptions Options => _options;

        /// <summary>The raw option octets (between the fixed header and the data).</summary>
        public ReadOnlySpan<byte> RawOptions => _segment.Slice(20, _headerLength - 20);

        /// <summary>The segment text.</summary>
        public ReadOnlySpan<byte> Payload => _segment.Slice(_headerLength);

        /// <summary>The whole TCP segment, header and data.</summary>
        public ReadOnlySpan<byte> Segment => _segment;

        /// <summary>SEG.LEN: data octets plus one for SYN and one for FIN (RFC 9293 3.3.1).</summary>
        public int SequenceLength =>
            Payload.Length + ((Flags & TcpFlags.Syn) != 0 ? 1 : 0) + ((Flags & TcpFlags.Fin) != 0 ? 1 : 0);

        /// <summary>True when every bit of <paramref name="flags"/> is set.</summary>
        public bool Has(TcpFlags flags) => (Flags & flags) == flags;
    }
}
