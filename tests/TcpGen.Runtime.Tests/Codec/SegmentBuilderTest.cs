using System;
using System.Buffers.Binary;
using CsCheck;
using TcpGen.Runtime.Codec;
using Xunit;

namespace TcpGen.Runtime.Tests.Codec
{
    /// <summary>Outgoing segments: layout, lengths and checksums (MUST-2), round trip with the parser.</summary>
    public class SegmentBuilderTest
    {
        /// <summary>A SYN from 192.0.2.1:40000 to 198.51.100.2:80 with the usual options.</summary>
        private static OutgoingSegment Ipv4Syn => new OutgoingSegment
        {
            Source = IpAddress.Parse("192.0.2.1"),
            Destination = IpAddress.Parse("198.51.100.2"),
            SourcePort = 40000,
            DestinationPort = 80,
            SequenceNumber = 0x5ba13f27,
            Flags = TcpFlags.Syn,
            Window = 64240,
            Identification = 0x1c46,
            DontFragment = true,
            Options = new TcpOptions { MaximumSegmentSize = 1460, SackPermitted = true, Timestamps = new TcpTimestamps(0x003a6f91, 0), WindowScale = 7 },
        };

        [Fact]
        public void Ipv4SynShouldMatchTheHandBuiltLayout()
        {
            // The same octets as TcpHeaderTest's hand-built Linux-style SYN.
            byte[] expected = HandBuiltPacket.Ipv4(
                HandBuiltPacket.Tcp(40000, 80, 0x5ba13f27, 0, 0x02, 64240,
                    new byte[] { 2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0x00, 0x3a, 0x6f, 0x91, 0, 0, 0, 0, 1, 3, 3, 7 }));
            byte[] buffer = new byte[100];

            int written = SegmentBuilder.Write(buffer, Ipv4Syn, ReadOnlySpan<byte>.Empty);

            Assert.Equal(60, written);
            Assert.Equal(expected, buffer.AsSpan(0, written).ToArray());
        }

        [Fact]
        [Trait("Requirement", "MUST-65")]
        public void Ipv4SegmentWithDataShouldRoundTrip()
        {
            OutgoingSegment outgoing = Ipv4Syn;
            outgoing.Flags = TcpFlags.Ack | TcpFlags.Psh;
            outgoing.AcknowledgmentNumber = 77;
            outgoing.UrgentPointer = 0;
            outgoing.TrafficClass = 0x02;
            outgoing.HopLimit = 12;
            byte[] data = new byte[333];
            new Random(2).NextBytes(data);
            byte[] buffer = new byte[1500];

            Assert.True(SegmentBuilder.TryWrite(buffer, outgoing, data, out int written));
            PacketParseResult result = PacketParser.Parse(buffer.AsSpan(0, written), out TcpSegmentView segment);

            Assert.True(result.IsOk, result.ToString());
            Assert.Equal(SegmentBuilder.GetLength(outgoing, data.Length), written);
            Assert.Equal(outgoing.Source, segment.Source);
            Assert.Equal(outgoing.Destination, segment.Destination);
            Assert.Equal(77u, segment.AcknowledgmentNumber);
            Assert.Equal(TcpFlags.Ack | TcpFlags.Psh, segment.Flags);
            Assert.Equal(12, segment.Ip.HopLimit);
            Assert.Equal(0x02, segment.Ip.EcnCodepoint);
            Assert.True(segment.Ip.DontFragment);
            Assert.Equal(data, segment.Payload.ToArray());
            Assert.Null(segment.Options.MaximumSegmentSize); // MUST-65: not on a non-SYN segment
            Assert.Equal(outgoing.Options.Timestamps, segment.Options.Timestamps);
        }

        [Fact]
        [Trait("Requirement", "MUST-2")]
        public void Ipv6SegmentShouldRoundTripAndMatchReferenceChecksum()
        {
            var outgoing = new OutgoingSegment
            {
                Source = IpAddress.Parse("2001:db8::1"),
                Destination = IpAddress.Parse("2001:db8::2"),
                SourcePort = 1234,
                DestinationPort = 443,
                SequenceNumber = 1,
                AcknowledgmentNumber = 2,
                Flags = TcpFlags.Ack,
                Window = 512,
                TrafficClass = 0xB8,
                FlowLabel = 0x12345,
            };
            byte[] data = { 1, 2, 3, 4, 5 };
            byte[] buffer = new byte[200];

            int written = SegmentBuilder.Write(buffer, outgoing, data);

            Assert.Equal(40 + 20 + 5, written);
            Assert.Equal(0x60, buffer[0] & 0xF0);
            Assert.Equal(25, BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(4)));
            byte[] tcp = buffer.AsSpan(40, 25).ToArray();
            ushort sent = BinaryPrimitives.ReadUInt16BigEndian(tcp.AsSpan(16));
            tcp[16] = 0;
            tcp[17] = 0;
            Assert.Equal(ReferenceChecksum.TcpOverIpv6(buffer.AsSpan(8, 16), buffer.AsSpan(24, 16), tcp), sent);

            Assert.True(PacketParser.Parse(buffer.AsSpan(0, written), out TcpSegmentView segment).IsOk);
            Assert.Equal(0xB8, segment.Ip.TrafficClass);
            Assert.Equal(0x12345u, segment.Ip.FlowLabel);
            Assert.Equal(OutgoingSegment.DefaultHopLimit, segment.Ip.HopLimit);
            Assert.Equal(data, segment.Payload.ToArray());
        }

        [Fact]
        public void TwoPiecePayloadShouldEqualOnePiece()
        {
            // The two halves of a wrapped ring buffer, including an odd-length first half.
            byte[] data = new byte[101];
            new Random(3).NextBytes(data);
            OutgoingSegment outgoing = Ipv4Syn;
            outgoing.Flags = TcpFlags.Ack;
            byte[] whole = new byte[300];
            byte[] split = new byte[300];

            Assert.True(SegmentBuilder.TryWrite(whole, outgoing, data, out int wholeLength));
            Assert.True(SegmentBuilder.TryWrite(split, outgoing, data.AsSpan(0, 37), data.AsSpan(37), out int splitLength));

            Assert.Equal(wholeLength, splitLength);
            Assert.Equal(whole, split);
        }

        [Fact]
        public void HeadersOnlyShouldChecksumDataThatStaysInPlace()
        {
            // Scatter/gather: headers in one buffer, data never copied; concatenated on the wire they must verify.
            byte[] data = new byte[57];
            new Random(4).NextBytes(data);
            OutgoingSegment outgoing = Ipv4Syn;
            outgoing.Flags = TcpFlags.Ack | TcpFlags.Fin;
            byte[] headers = new byte[80];

            Assert.True(SegmentBuilder.TryWriteHeaders(headers, outgoing, data.AsSpan(0, 20), data.AsSpan(20), out int headerLength));
            byte[] wire = new byte[headerLength + data.Length];
            headers.AsSpan(0, headerLength).CopyTo(wire);
            data.CopyTo(wire, headerLength);

            Assert.Equal(SegmentBuilder.GetHeaderLength(outgoing), headerLength);
            Assert.True(PacketParser.Parse(wire, out TcpSegmentView segment).IsOk);
            Assert.Equal(data, segment.Payload.ToArray());
        }

        [Fact]
        public void TooSmallBufferShouldFailWithoutThrowing()
        {
            byte[] data = new byte[10];
            int needed = SegmentBuilder.GetLength(Ipv4Syn, data.Length);

            Assert.False(SegmentBuilder.TryWrite(new byte[needed - 1], Ipv4Syn, data, out int written));
            Assert.Equal(0, written);
            Assert.True(SegmentBuilder.TryWrite(new byte[needed], Ipv4Syn, data, out written));
            Assert.Equal(needed, written);
            Assert.False(SegmentBuilder.TryWriteHeaders(new byte[SegmentBuilder.GetHeaderLength(Ipv4Syn) - 1], Ipv4Syn, data, default, out _));
            Assert.Throws<ArgumentException>(() => SegmentBuilder.Write(new byte[needed - 1], Ipv4Syn, data));
        }

        [Fact]
        public void MismatchedAddressFamiliesShouldFail()
        {
            OutgoingSegment outgoing = Ipv4Syn;
            outgoing.Destination = IpAddress.Parse("2001:db8::2");

            Assert.False(SegmentBuilder.TryWrite(new byte[200], outgoing, ReadOnlySpan<byte>.Empty, out _));
            outgoing = Ipv4Syn;
            outgoing.Source = default;
            Assert.False(SegmentBuilder.TryWrite(new byte[200], outgoing, ReadOnlySpan<byte>.Empty, out _));
        }

        [Fact]
        public void DataTooLongForOneDatagramShouldFail()
        {
            OutgoingSegment outgoing = Ipv4Syn;
            outgoing.Flags = TcpFlags.Ack;
            outgoing.Options = default;
            byte[] buffer = new byte[70000];

            Assert.True(SegmentBuilder.TryWrite(buffer, outgoing, new byte[65535 - 40], out int written));
            Assert.Equal(65535, written);
            Assert.False(SegmentBuilder.TryWrite(buffer, outgoing, new byte[65535 - 39], out _));
        }

        [Fact]
        public void RandomSegmentsShouldRoundTrip()
        {
            Gen<OutgoingSegment> segments =
                from v6 in Gen.Bool
                from ports in Gen.Select(Gen.UShort, Gen.UShort)
                from numbers in Gen.Select(Gen.UInt, Gen.UInt)
                from flags in Gen.Byte
                from window in Gen.UShort
                from urgent in Gen.UShort
                from mss in Gen.UShort.Nullable()
                from ts in Gen.Select(Gen.UInt, Gen.UInt).Nullable()
                from edges in Gen.UInt.Array[0, 8]
                select Make(v6, ports, numbers, flags, window, urgent, mss, ts, edges);
            Gen.Select(segments, Gen.Byte.Array[0, 1400]).Sample((outgoing, data) =>
            {
                byte[] buffer = new byte[1600];
                Assert.True(SegmentBuilder.TryWrite(buffer, outgoing, data, out int written));

                PacketParseResult result = PacketParser.Parse(buffer.AsSpan(0, written), out TcpSegmentView segment);

                Assert.True(result.IsOk, result.ToString());
                Assert.Equal(outgoing.Source, segment.Source);
                Assert.Equal(outgoing.Destination, segment.Destination);
                Assert.Equal(outgoing.SourcePort, segment.SourcePort);
                Assert.Equal(outgoing.DestinationPort, segment.DestinationPort);
                Assert.Equal(outgoing.SequenceNumber, segment.SequenceNumber);
                Assert.Equal(outgoing.AcknowledgmentNumber, segment.AcknowledgmentNumber);
                Assert.Equal(outgoing.Flags, segment.Flags);
                Assert.Equal(outgoing.Window, segment.Window);
                Assert.Equal(outgoing.UrgentPointer, segment.UrgentPointer);
                Assert.Equal(outgoing.Options.Timestamps, segment.Options.Timestamps);
                Assert.Equal((outgoing.Flags & TcpFlags.Syn) != 0 ? outgoing.Options.MaximumSegmentSize : null, segment.Options.MaximumSegmentSize);
                Assert.True(segment.Payload.SequenceEqual(data));
            });
        }

        /// <summary>Assembles a random valid segment (documentation-prefix addresses so none is invalid).</summary>
        private static OutgoingSegment Make(bool v6, (ushort, ushort) ports, (uint, uint) numbers, byte flags, ushort window, ushort urgent, ushort? mss, (uint, uint)? ts, uint[] edges)
        {
            var options = new TcpOptions { MaximumSegmentSize = mss, Timestamps = ts is (uint value, uint echo) ? new TcpTimestamps(value, echo) : null };
            for (int i = 0; i + 1 < edges.Length; i += 2)
            {
                options.TryAddSackBlock(new SackBlock(edges[i], edges[i + 1]));
            }

            return new OutgoingSegment
            {
                Source = IpAddress.Parse(v6 ? "2001:db8::a" : "192.0.2.10"),
                Destination = IpAddress.Parse(v6 ? "2001:db8::b" : "203.0.113.11"),
                SourcePort = ports.Item1,
                DestinationPort = ports.Item2,
                SequenceNumber = numbers.Item1,
                AcknowledgmentNumber = numbers.Item2,
                Flags = (TcpFlags)flags,
                Window = window,
                UrgentPointer = urgent,
                Options = options,
            };
        }
    }
}
