using System;
using CsCheck;
using TcpGen.Runtime.Codec;
using Xunit;

namespace TcpGen.Runtime.Tests.Codec
{
    /// <summary>TCP options (RFC 9293 3.1, 3.2; RFC 7323; RFC 2018): MUST-4..7, MUST-64, MUST-65, MUST-68, MUST-69.</summary>
    public class TcpOptionsTest
    {
        [Fact]
        [Trait("Requirement", "MUST-4")]
        public void MandatoryOptionSetShouldParse()
        {
            // MUST-4: EOL, NOP, MSS.
            byte[] bytes = { 1, 2, 4, 0x21, 0x34, 0, 0, 0 };

            Assert.True(TcpOptionsReader.Parse(bytes, out TcpOptions options).IsOk);
            Assert.Equal((ushort)0x2134, options.MaximumSegmentSize);
        }

        [Fact]
        public void EveryKnownOptionShouldParse()
        {
            byte[] bytes =
            {
                2, 4, 0x05, 0xb4,
                3, 3, 14,
                4, 2,
                8, 10, 0, 0, 0, 1, 0xFF, 0xFF, 0xFF, 0xFF,
                5, 18, 0, 0, 0, 10, 0, 0, 0, 20, 0xFF, 0xFF, 0xFF, 0xF0, 0, 0, 0, 5,
                0,
            };

            Assert.True(TcpOptionsReader.Parse(bytes, out TcpOptions options).IsOk);
            Assert.Equal((ushort)1460, options.MaximumSegmentSize);
            Assert.Equal((byte)14, options.WindowScale);
            Assert.True(options.SackPermitted);
            Assert.Equal(new TcpTimestamps(1, 0xFFFFFFFF), options.Timestamps);
            Assert.Equal(2, options.SackBlockCount);
            Assert.Equal(new SackBlock(10, 20), options.GetSackBlock(0));
            Assert.Equal(new SackBlock(0xFFFFFFF0, 5), options.GetSackBlock(1));
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        [InlineData(4)]
        public void SackWithOneToFourBlocksShouldParse(int blocks)
        {
            byte[] bytes = new byte[2 + (8 * blocks)];
            bytes[0] = 5;
            bytes[1] = (byte)bytes.Length;
            for (int i = 0; i < blocks; i++)
            {
                bytes[2 + (8 * i) + 3] = (byte)(i * 2);
                bytes[2 + (8 * i) + 7] = (byte)((i * 2) + 1);
            }

            Assert.True(TcpOptionsReader.Parse(bytes, out TcpOptions options).IsOk);
            Assert.Equal(blocks, options.SackBlockCount);
            Span<SackBlock> copied = stackalloc SackBlock[4];
            Assert.Equal(blocks, options.CopySackBlocksTo(copied));
            for (int i = 0; i < blocks; i++)
            {
                Assert.Equal(new SackBlock((uint)(i * 2), (uint)((i * 2) + 1)), copied[i]);
            }
        }

        [Theory]
        [Trait("Requirement", "MUST-64")]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        public void OptionsAtAnyAlignmentShouldParse(int leadingNops)
        {
            // MUST-64: options may start on any octet; here shifted by 0..3 NOPs with no realignment.
            byte[] unaligned = { 8, 10, 0, 0, 0, 7, 0, 0, 0, 9, 2, 4, 0x23, 0x28, 3, 3, 2, 5, 10, 1, 2, 3, 4, 5, 6, 7, 8 };
            byte[] bytes = new byte[leadingNops + unaligned.Length];
            bytes.AsSpan(0, leadingNops).Fill(1);
            unaligned.CopyTo(bytes, leadingNops);

            Assert.True(TcpOptionsReader.Parse(bytes, out TcpOptions options).IsOk);
            Assert.Equal(new TcpTimestamps(7, 9), options.Timestamps);
            Assert.Equal((ushort)9000, options.MaximumSegmentSize);
            Assert.Equal((byte)2, options.WindowScale);
            Assert.Equal(new SackBlock(0x01020304, 0x05060708), options.GetSackBlock(0));
        }

        [Fact]
        [Trait("Requirement", "MUST-5")]
        [Trait("Requirement", "MUST-64")]
        public void OptionsAtOddAlignmentInARealSegmentShouldParse()
        {
            // MUST-5 + MUST-64 through the whole parser: NOP, MSS at offset 1, WS at 5, padding with EOL.
            byte[] options = { 1, 2, 4, 0x05, 0x78, 3, 3, 8, 0, 0, 0, 0 };
            byte[] packet = HandBuiltPacket.Ipv4(HandBuiltPacket.Tcp(flags: 0x10, options: options));

            Assert.True(PacketParser.Parse(packet, out TcpSegmentView segment).IsOk);
            Assert.Equal((ushort)1400, segment.Options.MaximumSegmentSize);
            Assert.Equal((byte)8, segment.Options.WindowScale);
        }

        [Fact]
        [Trait("Requirement", "MUST-6")]
        public void UnknownOptionsShouldBeSkippedByLength()
        {
            // MUST-6: kinds 30 (MPTCP, 4 octets), 34 (TFO cookie, 10 octets), 254 (experiment, 2 octets) are skipped.
            byte[] bytes = { 30, 4, 0xAA, 0xBB, 34, 10, 1, 2, 3, 4, 5, 6, 7, 8, 254, 2, 2, 4, 0x05, 0xb4 };

            Assert.True(TcpOptionsReader.Parse(bytes, out TcpOptions options).IsOk);
            Assert.Equal(3, options.UnknownOptionCount);
            Assert.Equal((ushort)1460, options.MaximumSegmentSize);
        }

        [Fact]
        [Trait("Requirement", "MUST-69")]
        public void EndOfOptionListShouldStopParsing()
        {
            // Octets after EOL are padding (MUST-69 binds the sender); even non-zero ones are not read as options.
            byte[] bytes = { 2, 4, 0x05, 0xb4, 0, 3, 0, 0xFF };

            Assert.True(TcpOptionsReader.Parse(bytes, out TcpOptions options).IsOk);
            Assert.Null(options.WindowScale);
        }

        [Theory]
        [Trait("Requirement", "MUST-7")]
        [Trait("Requirement", "MUST-68")]
        [InlineData(new byte[] { 2, 0, 0, 0 })] // length 0, the RFC's own example
        [InlineData(new byte[] { 99, 1, 0, 0 })] // length 1 (unknown kind)
        [InlineData(new byte[] { 30, 9, 0, 0 })] // runs past the header
        [InlineData(new byte[] { 1, 1, 1, 2 })] // length octet missing at the end
        [InlineData(new byte[] { 2, 3, 5, 1 })] // MSS must be 4
        [InlineData(new byte[] { 3, 4, 7, 0 })] // Window Scale must be 3
        [InlineData(new byte[] { 4, 3, 0, 0 })] // SACK-Permitted must be 2
        [InlineData(new byte[] { 5, 2, 0, 0 })] // SACK without blocks
        [InlineData(new byte[] { 5, 11, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 })] // SACK not 2 + 8n
        [InlineData(new byte[] { 8, 8, 0, 0, 0, 0, 0, 0 })] // Timestamps must be 10
        public void IllegalLengthShouldBeIllegalOptionLength(byte[] bytes)
        {
            // MUST-7 / MUST-68: cope with an illegal length by dropping the segment instead of guessing.
            Assert.Equal(DropReason.IllegalOptionLength, TcpOptionsReader.Parse(bytes, out _).DropReason);
        }

        [Fact]
        public void IllegalLengthInASegmentShouldDropIt()
        {
            byte[] packet = HandBuiltPacket.Ipv4(HandBuiltPacket.Tcp(options: new byte[] { 2, 0, 0, 0 }));

            Assert.Equal(DropReason.IllegalOptionLength, PacketParser.Parse(packet, out _).DropReason);
        }

        [Fact]
        public void DuplicateOptionShouldKeepTheLastOne()
        {
            byte[] bytes =
            {
                2, 4, 0x01, 0x00, 2, 4, 0x02, 0x00,
                5, 10, 0, 0, 0, 1, 0, 0, 0, 2, 5, 10, 0, 0, 0, 3, 0, 0, 0, 4,
            };

            Assert.True(TcpOptionsReader.Parse(bytes, out TcpOptions options).IsOk);
            Assert.Equal((ushort)0x0200, options.MaximumSegmentSize);
            Assert.Equal(1, options.SackBlockCount);
            Assert.Equal(new SackBlock(3, 4), options.GetSackBlock(0));
        }

        [Fact]
        public void WriterShouldProduceTheAlignedSynLayout()
        {
            var options = new TcpOptions { MaximumSegmentSize = 1460, SackPermitted = true, Timestamps = new TcpTimestamps(0x11223344, 0), WindowScale = 7 };
            byte[] expected = { 2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0x11, 0x22, 0x33, 0x44, 0, 0, 0, 0, 1, 3, 3, 7 };
            byte[] written = new byte[40];

            int length = TcpOptionsWriter.Write(written, options, syn: true);

            Assert.Equal(expected.Length, TcpOptionsWriter.GetLength(options, syn: true));
            Assert.Equal(expected, written.AsSpan(0, length).ToArray());
        }

        [Fact]
        public void WriterShouldAlignSackPermittedWithoutTimestamps()
        {
            var options = new TcpOptions { SackPermitted = true };
            byte[] written = new byte[40];

            int length = TcpOptionsWriter.Write(written, options, syn: true);

            Assert.Equal(new byte[] { 1, 1, 4, 2 }, written.AsSpan(0, length).ToArray());
        }

        [Fact]
        [Trait("Requirement", "MUST-65")]
        public void WriterShouldLeaveSynOnlyOptionsOutOfOtherSegments()
        {
            // MUST-65 (MSS), RFC 7323 2.2 (Window Scale), RFC 2018 2 (SACK-Permitted) only on SYN.
            var options = new TcpOptions { MaximumSegmentSize = 1460, SackPermitted = true, WindowScale = 7, Timestamps = new TcpTimestamps(5, 6) };
            byte[] written = new byte[40];

            int length = TcpOptionsWriter.Write(written, options, syn: false);

            Assert.Equal(new byte[] { 1, 1, 8, 10, 0, 0, 0, 5, 0, 0, 0, 6 }, written.AsSpan(0, length).ToArray());
        }

        [Fact]
        public void WriterShouldDropTrailingSackBlocksThatDoNotFit()
        {
            // Timestamps take 12 octets, so 3 of 4 SACK blocks fit in the remaining 28 (RFC 2018 4: keep the first).
            var options = new TcpOptions { Timestamps = new TcpTimestamps(1, 2) };
            for (uint i = 0; i < 4; i++)
            {
                Assert.True(options.TryAddSackBlock(new SackBlock(i * 100, (i * 100) + 10)));
            }

            Assert.False(options.TryAddSackBlock(new SackBlock(1, 2)));
            byte[] written = new byte[40];
            int length = TcpOptionsWriter.Write(written, options, syn: false);

            Assert.Equal(40, length);
            Assert.True(TcpOptionsReader.Parse(written.AsSpan(0, length), out TcpOptions parsed).IsOk);
            Assert.Equal(3, parsed.SackBlockCount);
            Assert.Equal(new SackBlock(200, 210), parsed.GetSackBlock(2));
        }

        [Fact]
        public void WriterShouldFailOnTooSmallBuffer()
        {
            var options = new TcpOptions { Timestamps = new TcpTimestamps(1, 2) };

            Assert.Equal(-1, TcpOptionsWriter.Write(new byte[11], options, syn: false));
        }

        [Fact]
        public void WrittenOptionsShouldRoundTripThroughTheReader()
        {
            Gen<(ushort? Mss, byte? Scale, bool SackOk, TcpTimestamps? Ts, uint[] Edges, bool Syn)> inputs =
                Gen.Select(
                    Gen.UShort.Nullable(),
                    Gen.Byte.Nullable(),
                    Gen.Bool,
                    Gen.Select(Gen.UInt, Gen.UInt, (value, echo) => new TcpTimestamps(value, echo)).Nullable(),
                    Gen.UInt.Array[0, 8],
                    Gen.Bool);
            inputs.Sample(input =>
            {
                var options = new TcpOptions { MaximumSegmentSize = input.Mss, WindowScale = input.Scale, SackPermitted = input.SackOk, Timestamps = input.Ts };
                for (int i = 0; i + 1 < input.Edges.Length; i += 2)
                {
                    options.TryAddSackBlock(new SackBlock(input.Edges[i], input.Edges[i + 1]));
                }

                byte[] written = new byte[TcpOptions.MaxLength];
                int length = TcpOptionsWriter.Write(written, options, input.Syn);

                Assert.Equal(0, length % 4);
                Assert.True(length <= TcpOptions.MaxLength);
                Assert.True(TcpOptionsReader.Parse(written.AsSpan(0, length), out TcpOptions parsed).IsOk);
                Assert.Equal(input.Syn ? input.Mss : null, parsed.MaximumSegmentSize);
                Assert.Equal(input.Syn ? input.Scale : null, parsed.WindowScale);
                Assert.Equal(input.Syn && input.SackOk, parsed.SackPermitted);
                Assert.Equal(input.Ts, parsed.Timestamps);
                Assert.True(parsed.SackBlockCount <= options.SackBlockCount);
                for (int i = 0; i < parsed.SackBlockCount; i++)
                {
                    Assert.Equal(options.GetSackBlock(i), parsed.GetSackBlock(i));
                }
            });
        }
    }
}
