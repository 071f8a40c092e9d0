using System;
using TcpGen.Runtime.Codec;
using Xunit;

namespace TcpGen.Runtime.Tests.Codec
{
    /// <summary>The TCP header of RFC 9293 3.1: fields, Data Offset, checksum (MUST-3), payload slice.</summary>
    public class TcpHeaderTest
    {
        [Fact]
        public void LinuxStyleSynShouldParseEveryField()
        {
            // A SYN laid out the way Linux sends one: 60-octet IPv4 datagram, Data Offset 10, options
            // MSS 1460 | SACK-Permitted + Timestamps | NOP + Window Scale 7. Every octet written by hand from the RFC layout.
            byte[] packet =
            {
                0x45, 0x00, 0x00, 0x3c, // version 4, IHL 5, TOS 0, total length 60
                0x1c, 0x46, 0x40, 0x00, // identification, DF
                0x40, 0x06, 0x00, 0x00, // TTL 64, protocol TCP, header checksum (filled below)
                0xc0, 0x00, 0x02, 0x01, // 192.0.2.1
                0xc6, 0x33, 0x64, 0x02, // 198.51.100.2
                0x9c, 0x40, 0x00, 0x50, // source port 40000, destination port 80
                0x5b, 0xa1, 0x3f, 0x27, // sequence number
                0x00, 0x00, 0x00, 0x00, // acknowledgment number
                0xa0, 0x02, 0xfa, 0xf0, // data offset 10, SYN, window 64240
                0x00, 0x00, 0x00, 0x00, // checksum (filled below), urgent pointer
                0x02, 0x04, 0x05, 0xb4, // MSS 1460
                0x04, 0x02, 0x08, 0x0a, // SACK-Permitted, Timestamps kind and length
                0x00, 0x3a, 0x6f, 0x91, // TSval
                0x00, 0x00, 0x00, 0x00, // TSecr
                0x01, 0x03, 0x03, 0x07, // NOP, Window Scale 7
            };
            HandBuiltPacket.FixTcpChecksumV4(packet);
            HandBuiltPacket.FixIpv4HeaderChecksum(packet);

            PacketParseResult result = PacketParser.Parse(packet, out TcpSegmentView segment);

            Assert.True(result.IsOk, result.ToString());
            Assert.Equal(40000, segment.SourcePort);
            Assert.Equal(80, segment.DestinationPort);
            Assert.Equal(0x5ba13f27u, segment.SequenceNumber);
            Assert.Equal(0u, segment.AcknowledgmentNumber);
            Assert.Equal(10, segment.DataOffset);
            Assert.Equal(40, segment.HeaderLength);
            Assert.Equal(TcpFlags.Syn, segment.Flags);
            Assert.Equal(64240, segment.Window);
            Assert.Equal(0, segment.UrgentPointer);
            Assert.Equal(0, segment.Payload.Length);
            Assert.Equal(1, segment.SequenceLength);
            Assert.Equal(20, segment.RawOptions.Length);
            TcpOptions options = segment.Options;
            Assert.Equal((ushort)1460, options.MaximumSegmentSize);
            Assert.True(options.SackPermitted);
            Assert.Equal(new TcpTimestamps(0x003a6f91, 0), options.Timestamps);
            Assert.Equal((byte)7, options.WindowScale);
            Assert.False(options.HasSack);
            Assert.Equal(0, options.UnknownOptionCount);
        }

        [Theory]
        [InlineData(0x01, TcpFlags.Fin)]
        [InlineData(0x02, TcpFlags.Syn)]
        [InlineData(0x04, TcpFlags.Rst)]
        [InlineData(0x08, TcpFlags.Psh)]
        [InlineData(0x10, TcpFlags.Ack)]
        [InlineData(0x20, TcpFlags.Urg)]
        [InlineData(0x40, TcpFlags.Ece)]
        [InlineData(0x80, TcpFlags.Cwr)]
        [InlineData(0x12, TcpFlags.Syn | TcpFlags.Ack)]
        [InlineData(0xFF, TcpFlags.Fin | TcpFlags.Syn | TcpFlags.Rst | TcpFlags.Psh | TcpFlags.Ack | TcpFlags.Urg | TcpFlags.Ece | TcpFlags.Cwr)]
        public void ControlBitsShouldMapToFlags(int octet, TcpFlags expected)
        {
            byte[] packet = HandBuiltPacket.Ipv4(HandBuiltPacket.Tcp(flags: (byte)octet));

            Assert.True(PacketParser.Parse(packet, out TcpSegmentView segment).IsOk);
            Assert.Equal(expected, segment.Flags);
            Assert.True(segment.Has(expected));
        }

        [Fact]
        public void ReservedBitsShouldBeIgnoredOnReceipt()
        {
            // RFC 9293 3.1: reserved bits must be ignored in received segments.
            byte[] segmentBytes = HandBuiltPacket.Tcp(flags: 0x10);
            segmentBytes[12] |= 0x0F;
            byte[] packet = HandBuiltPacket.Ipv4(segmentBytes);

            Assert.True(PacketParser.Parse(packet, out TcpSegmentView segment).IsOk);
            Assert.Equal(TcpFlags.Ack, segment.Flags);
            Assert.Equal(5, segment.DataOffset);
        }

        [Fact]
        [Trait("Requirement", "MUST-1")]
        public void DataSegmentShouldExposeFieldsAndPayload()
        {
            byte[] data = { (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o' };
            byte[] packet = HandBuiltPacket.Ipv4(HandBuiltPacket.Tcp(
                sourcePort: 443, destinationPort: 51000, sequence: 0xFFFFFFF0, acknowledgment: 0x80000001,
                flags: 0x39, window: 0xFFFF, payload: data, urgentPointer: 3));

            Assert.True(PacketParser.Parse(packet, out TcpSegmentView segment).IsOk);
            Assert.Equal(443, segment.SourcePort);
            Assert.Equal(51000, segment.DestinationPort);
            Assert.Equal(0xFFFFFFF0u, segment.SequenceNumber);
            Assert.Equal(0x80000001u, segment.AcknowledgmentNumber);
            Assert.Equal(TcpFlags.Fin | TcpFlags.Psh | TcpFlags.Ack | TcpFlags.Urg, segment.Flags);
            Assert.Equal(0xFFFF, segment.Window); // unsigned (MUST-1)
            Assert.Equal(3, segment.UrgentPointer);
            Assert.Equal(data, segment.Payload.ToArray());
            Assert.Equal(6, segment.SequenceLength); // 5 data octets + FIN
            Assert.Equal(packet.Length - 20, segment.Segment.Length);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(4)]
        public void DataOffsetBelowFiveShouldBeDataOffsetOutOfRange(int words)
        {
            byte[] packet = HandBuiltPacket.Ipv4(HandBuiltPacket.Tcp(dataOffsetWords: words));

            Assert.Equal(DropReason.DataOffsetOutOfRange, PacketParser.Parse(packet, out _).DropReason);
        }

        [Fact]
        public void DataOffsetBeyondSegmentShouldBeDataOffsetOutOfRange()
        {
            // 6 words = 24 octets claimed, 20 present.
            byte[] packet = HandBuiltPacket.Ipv4(HandBuiltPacket.Tcp(dataOffsetWords: 6));

            Assert.Equal(DropReason.DataOffsetOutOfRange, PacketParser.Parse(packet, out _).DropReason);
        }

        [Fact]
        public void SegmentShorterThanFixedHeaderShouldBeTruncatedHeader()
        {
            byte[] packet = HandBuiltPacket.Ipv4(HandBuiltPacket.Tcp().AsSpan(0, 19).ToArray());

            Assert.Equal(DropReason.TruncatedHeader, PacketParser.Parse(packet, out _).DropReason);
        }

        [Theory]
        [Trait("Requirement", "MUST-3")]
        [InlineData(0)] // source port
        [InlineData(16)] // checksum itself
        [InlineData(24)] // payload
        public void FlippedBitShouldBeBadChecksum(int offsetInSegment)
        {
            // MUST-3: the receiver checks the checksum.
            byte[] packet = HandBuiltPacket.Ipv4(HandBuiltPacket.Tcp(flags: 0x18, payload: new byte[] { 1, 2, 3, 4, 5, 6, 7 }));
            packet[20 + offsetInSegment] ^= 0x10;

            Assert.Equal(DropReason.BadChecksum, PacketParser.Parse(packet, out _).DropReason);
        }

        [Fact]
        public void ChecksumShouldCoverPseudoHeaderAddresses()
        {
            // A segment delivered to the wrong address fails the checksum though its own octets are intact.
            byte[] packet = HandBuiltPacket.Ipv4(HandBuiltPacket.Tcp(payload: new byte[] { 1 }));
            packet[19] ^= 0x01;
            HandBuiltPacket.FixIpv4HeaderChecksum(packet);

            Assert.Equal(DropReason.BadChecksum, PacketParser.Parse(packet, out _).DropReason);
        }

        [Fact]
        public void OddLengthPayloadShouldVerify()
        {
            for (int length = 0; length < 9; length++)
            {
                byte[] payload = new byte[length];
                new Random(length).NextBytes(payload);
                Assert.True(PacketParser.Parse(HandBuiltPacket.Ipv4(HandBuiltPacket.Tcp(flags: 0x18, payload: payload)), out TcpSegmentView v4).IsOk);
                Assert.Equal(payload, v4.Payload.ToArray());
                Assert.True(PacketParser.Parse(HandBuiltPacket.Ipv6(HandBuiltPacket.Tcp(flags: 0x18, payload: payload)), out TcpSegmentView v6).IsOk);
                Assert.Equal(payload, v6.Payload.ToArray());
            }
        }

        [Fact]
        public void Ipv6ChecksumShouldExcludeExtensionHeadersFromUpperLayerLength()
        {
            // RFC 8200 8.1: the pseudo-header length is the TCP length, not the Payload Length.
            byte[] destinationOptions = { IpProtocol.Tcp, 0, 1, 4, 0, 0, 0, 0 };
            byte[] packet = HandBuiltPacket.Ipv6(HandBuiltPacket.Tcp(payload: new byte[] { 1, 2, 3 }), firstNextHeader: IpProtocol.DestinationOptions, extensionHeaders: destinationOptions);

            Assert.True(PacketParser.Parse(packet, out TcpSegmentView segment).IsOk);
            Assert.Equal(23, segment.Segment.Length);
        }
    }
}
