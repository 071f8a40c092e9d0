using System;
using TcpGen.Runtime.Sequencing;
using TcpGen.Runtime.Timers;
using Xunit;

namespace TcpGen.Runtime.Tests.Sequencing
{
    /// <summary>RFC 6528 ISNs: clock-driven (MUST-8) plus a keyed hash not computable from outside (MUST-9).</summary>
    public class InitialSequenceNumberGeneratorTest
    {
        /// <summary>A fixed secret so results are reproducible.</summary>
        private static readonly byte[] SecretA = CreateSecret(1);

        /// <summary>A second fixed secret, differing from <see cref="SecretA"/>.</summary>
        private static readonly byte[] SecretB = CreateSecret(2);

        private static readonly byte[] LocalV4 = { 192, 0, 2, 1 };
        private static readonly byte[] RemoteV4 = { 198, 51, 100, 7 };
        private static readonly byte[] OtherV4 = { 198, 51, 100, 8 };
        private static readonly byte[] LocalV6 = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };

        [Fact]
        public void SameInputsShouldGiveSameIsn()
        {
            var first = new InitialSequenceNumberGenerator(SecretA);
            var second = new InitialSequenceNumberGenerator(SecretA);
            Instant now = new(123_456_789);

            Assert.Equal(
                first.Next(now, LocalV4, 80, RemoteV4, 40000),
                second.Next(now, LocalV4, 80, RemoteV4, 40000));
        }

        [Fact]
        public void DifferentFourTuplesShouldGiveDifferentIsns()
        {
            var generator = new InitialSequenceNumberGenerator(SecretA);
            Instant now = new(5_000_000);
            SeqNum[] isns =
            {
                generator.Next(now, LocalV4, 80, RemoteV4, 40000),
                generator.Next(now, LocalV4, 81, RemoteV4, 40000),
                generator.Next(now, LocalV4, 80, RemoteV4, 40001),
                generator.Next(now, LocalV4, 80, OtherV4, 40000),
                generator.Next(now, RemoteV4, 80, LocalV4, 40000),
                generator.Next(now, LocalV6, 80, RemoteV4, 40000),
            };

            for (int i = 0; i < isns.Length; i++)
            {
                for (int j = i + 1; j < isns.Length; j++)
                {
                    Assert.NotEqual(isns[i], isns[j]);
                }
            }
        }

        [Fact]
        [Trait("Requirement", "MUST-8")]
        public void ClockShouldAdvanceIsnByOneEveryFourMicroseconds()
        {
            var generator = new InitialSequenceNumberGenerator(SecretA);
            Instant start = new(4_000_000);
            SeqNum origin = generator.Next(start, LocalV4, 80, RemoteV4, 40000);

            for (long elapsed = 0; elapsed < 4000; elapsed++)
            {
                SeqNum isn = generator.Next(start.AddMicroseconds(elapsed), LocalV4, 80, RemoteV4, 40000);
                Assert.Equal((uint)(elapsed / 4), isn.DistanceFrom(origin));
            }
        }

        [Fact]
        public void ClockComponentShouldWrapAt32Bits()
        {
            var generator = new InitialSequenceNumberGenerator(SecretA);
            long wrapMicroseconds = 4L << 32;
            Instant beforeWrap = new(wrapMicroseconds - 4);

            SeqNum before = generator.Next(beforeWrap, LocalV4, 80, RemoteV4, 40000);
            SeqNum after = generator.Next(beforeWrap.AddMicroseconds(4), LocalV4, 80, RemoteV4, 40000);

            Assert.Equal(1u, after.DistanceFrom(before));
        }

        [Fact]
        [Trait("Requirement", "MUST-9")]
        public void DifferentSecretsShouldGiveDifferentIsns()
        {
            Instant now = new(987_654);

            Assert.NotEqual(
                new InitialSequenceNumberGenerator(SecretA).Next(now, LocalV4, 80, RemoteV4, 40000),
                new InitialSequenceNumberGenerator(SecretB).Next(now, LocalV4, 80, RemoteV4, 40000));
        }

        [Fact]
        public void RandomSecretsShouldGiveDifferentIsns()
        {
            Instant now = new(987_654);

            Assert.NotEqual(
                InitialSequenceNumberGenerator.CreateWithRandomSecret().Next(now, LocalV4, 80, RemoteV4, 40000),
                InitialSequenceNumberGenerator.CreateWithRandomSecret().Next(now, LocalV4, 80, RemoteV4, 40000));
        }

        [Fact]
        public void ChangingTheCallersSecretAfterConstructionShouldNotChangeIsns()
        {
            byte[] secret = CreateSecret(3);
            var generator = new InitialSequenceNumberGenerator(secret);
            Instant now = new(1);
            SeqNum before = generator.Next(now, LocalV4, 80, RemoteV4, 40000);

            secret[0] ^= 0xFF;

            Assert.Equal(before, generator.Next(now, LocalV4, 80, RemoteV4, 40000));
        }

        [Theory]
        [InlineData(0)]
        [InlineData(15)]
        [InlineData(65)]
        public void SecretOfWrongLengthShouldBeRejected(int length)
        {
            Assert.Throws<ArgumentException>(() => new InitialSequenceNumberGenerator(new byte[length]));
        }

        [Fact]
        public void AddressOfWrongLengthShouldBeRejected()
        {
            var generator = new InitialSequenceNumberGenerator(SecretA);

            Assert.Throws<ArgumentException>(() => generator.Next(Instant.Zero, new byte[5], 80, RemoteV4, 40000));
        }

        [Fact]
        public void SteadyStateNextShouldNotAllocate()
        {
            var generator = new InitialSequenceNumberGenerator(SecretA);
            uint sink = 0;
            for (int i = 0; i < 100; i++)
            {
                sink ^= generator.Next(new Instant(i), LocalV4, 80, RemoteV4, (ushort)i).Value;
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10_000; i++)
            {
                sink ^= generator.Next(new Instant(i), LocalV4, 80, RemoteV4, (ushort)i).Value;
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(0, allocated);
            GC.KeepAlive(sink);
        }

        private static byte[] CreateSecret(byte seed)
        {
            var secret = new byte[32];
            for (int i = 0; i < secret.Length; i++)
            {
                secret[i] = (byte)((seed * 31) + i);
            }

            return secret;
        }
    }
}
