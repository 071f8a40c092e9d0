using System;
using CsCheck;
using TcpGen.Runtime.Codec;
using Xunit;

namespace TcpGen.Runtime.Tests.Codec
{
    /// <summary>RFC 1071 Internet checksum: SIMD paths against the scalar reference, and partial sums (MUST-2, MUST-3).</summary>
    public class ChecksumTest
    {
        /// <summary>Random data 0..2000 octets long, starting at a random offset 0..31 so vector loads are misaligned.</summary>
        private static readonly Gen<(byte[] Data, int Offset)> MisalignedData =
            Gen.Int[0, 31].SelectMany(offset => Gen.Byte.Array[offset, offset + 2000].Select(data => (data, offset)));

        [Fact]
        public void Rfc1071ExampleShouldSumToDdf2()
        {
            // RFC 1071 section 3 works this example by hand: the words 0001 f203 f4f5 f6f7 sum to ddf2.
            byte[] data = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };

            Assert.Equal(0xddf2, InternetChecksum.Sum(data));
            Assert.Equal(0xddf2, ReferenceChecksum.Sum(data));
            Assert.Equal(0x220d, InternetChecksum.Compute(data));
        }

        [Fact]
        public void VectorizedSumShouldEqualScalarReferenceForRandomData()
        {
            MisalignedData.Sample(input =>
            {
                ReadOnlySpan<byte> data = input.Data.AsSpan(input.Offset);
                Assert.Equal(ReferenceChecksum.Sum(data), InternetChecksum.Sum(data));
            }, iter: 3000);
        }

        [Fact]
        public void EveryLengthFromZeroTo2000ShouldEqualScalarReference()
        {
            var random = new Random(9293);
            byte[] buffer = new byte[2001 + 7];
            random.NextBytes(buffer);
            for (int length = 0; length <= 2000; length++)
            {
                ReadOnlySpan<byte> data = buffer.AsSpan(length % 7, length);
                Assert.Equal(ReferenceChecksum.Sum(data), InternetChecksum.Sum(data));
            }
        }

        [Fact]
        public void EachSimdPathShouldEqualScalarReference()
        {
            MisalignedData.Sample(input =>
            {
                ReadOnlySpan<byte> data = input.Data.AsSpan(input.Offset);
                ushort expected = ReferenceChecksum.Sum(data);
                Assert.Equal(expected, Network(InternetChecksum.SumWithVector256(data)));
                Assert.Equal(expected, Network(InternetChecksum.SumWithVector128(data)));
                Assert.Equal(expected, Network(InternetChecksum.SumScalar(data)));
            }, iter: 1000);
        }

        [Fact]
        public void BufferLargerThanOneLaneBlockShouldNotOverflow()
        {
            // All-ones words push every 32-bit lane to its per-block maximum; 1 MiB + 3 spans several blocks and a tail.
            byte[] ones = new byte[(1 << 20) + 3];
            ones.AsSpan().Fill(0xFF);
            Assert.Equal(ReferenceChecksum.Sum(ones), InternetChecksum.Sum(ones));
            Assert.Equal(ReferenceChecksum.Sum(ones), Network(InternetChecksum.SumWithVector128(ones)));

            byte[] random = new byte[(1 << 20) + 17];
            new Random(1071).NextBytes(random);
            Assert.Equal(ReferenceChecksum.Sum(random), InternetChecksum.Sum(random));
        }

        [Fact]
        public void ComputedChecksumShouldVerify()
        {
            Gen.Byte.Array[2, 1500].Sample(data =>
            {
                data[0] = 0;
                data[1] = 0;
                ushort checksum = InternetChecksum.Compute(data);
                data[0] = (byte)(checksum >> 8);
                data[1] = (byte)checksum;
                Assert.True(InternetChecksum.Verify(data));
            });
        }

        [Fact]
        public void AccumulatorOverPiecesShouldEqualSumOfWhole()
        {
            // Pieces of odd length make the next piece start mid-word (RFC 1071 2(B) byte swapping).
            Gen<(byte[] Data, int First, int Second)> pieces =
                Gen.Byte.Array[0, 600].SelectMany(data => Gen.Int[0, data.Length].SelectMany(first =>
                    Gen.Int[first, data.Length].Select(second => (data, first, second))));
            pieces.Sample(input =>
            {
                var accumulator = default(ChecksumAccumulator);
                accumulator.Add(input.Data.AsSpan(0, input.First));
                accumulator.Add(input.Data.AsSpan(input.First, input.Second - input.First));
                accumulator.Add(input.Data.AsSpan(input.Second));
                Assert.Equal(ReferenceChecksum.Sum(input.Data), accumulator.Sum);
            });
        }

        [Fact]
        public void WordAddedAtOddOffsetShouldEqualItsBytes()
        {
            Gen.Select(Gen.Byte.Array[1, 50], Gen.UShort).Sample((data, word) =>
            {
                if (data.Length % 2 == 0)
                {
                    data = data.AsSpan(1).ToArray();
                }

                var accumulator = default(ChecksumAccumulator);
                accumulator.Add(data);
                accumulator.AddWord(word);

                byte[] whole = new byte[data.Length + 2];
                data.CopyTo(whole, 0);
                whole[data.Length] = (byte)(word >> 8);
                whole[data.Length + 1] = (byte)word;
                Assert.Equal(ReferenceChecksum.Sum(whole), accumulator.Sum);
            });
        }

        [Fact]
        public void Ipv4PseudoHeaderShouldEqualMaterialisedPseudoHeader()
        {
            Gen.Select(Gen.UInt, Gen.UInt, Gen.Byte.Array[0, 100]).Sample((source, destination, segment) =>
            {
                byte[] sourceBytes = BigEndian(source);
                byte[] destinationBytes = BigEndian(destination);
                ChecksumAccumulator accumulator = ChecksumAccumulator.ForIpv4PseudoHeader(new Ipv4Address(source), new Ipv4Address(destination), 6, segment.Length);
                accumulator.Add(segment);
                Assert.Equal(ReferenceChecksum.TcpOverIpv4(sourceBytes, destinationBytes, segment), accumulator.Checksum);
            });
        }

        [Fact]
        public void Ipv6PseudoHeaderShouldEqualMaterialisedPseudoHeader()
        {
            Gen.Select(Gen.Byte.Array[16], Gen.Byte.Array[16], Gen.Byte.Array[0, 100]).Sample((source, destination, segment) =>
            {
                ChecksumAccumulator accumulator = ChecksumAccumulator.ForIpv6PseudoHeader(Ipv6Address.Read(source), Ipv6Address.Read(destination), 6, segment.Length);
                accumulator.Add(segment);
                Assert.Equal(ReferenceChecksum.TcpOverIpv6(source, destination, segment), accumulator.Checksum);
            });
        }

        /// <summary>Folds a native-order wide sum the way the public API does.</summary>
        private static ushort Network(ulong nativeSum) => InternetChecksum.ToNetworkOrder(InternetChecksum.Fold(nativeSum));

        /// <summary>Four octets, first octet most significant.</summary>
        private static byte[] BigEndian(uint value) => new[] { (byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value };
    }
}
