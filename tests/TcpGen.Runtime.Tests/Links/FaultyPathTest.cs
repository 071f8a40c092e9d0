using System;
using System.Collections.Generic;
using TcpGen.Runtime.Links;
using Xunit;

namespace TcpGen.Runtime.Tests.Links
{
    public class FaultyPathTest
    {
        private static readonly FaultProfile Mixed = new()
        {
            Loss = 0.05,
            Reorder = 0.05,
            Duplicate = 0.01,
            Corrupt = 0.01,
            Delay = TimeSpan.FromMilliseconds(2),
            Jitter = TimeSpan.FromMicroseconds(300),
        };

        [Fact]
        public void SameSeedShouldGiveTheSameDeliveries()
        {
            List<string> first = Run(Mixed, seed: 42, packets: 2000);
            List<string> second = Run(Mixed, seed: 42, packets: 2000);

            Assert.Equal(first, second);
        }

        [Fact]
        public void DifferentSeedsShouldGiveDifferentDeliveries()
        {
            List<string> first = Run(Mixed, seed: 1, packets: 2000);
            List<string> second = Run(Mixed, seed: 2, packets: 2000);

            Assert.NotEqual(first, second);
        }

        [Fact]
        public void TransparentProfileShouldDeliverEveryPacketUnchangedInOrder()
        {
            var path = new FaultyPath(FaultProfile.None, 7, 1500);
            byte[] buffer = new byte[1500];
            for (int i = 0; i < 100; i++)
            {
                path.Offer(TestPackets.Numbered(i), nowMicroseconds: i);
                Assert.True(path.TryTakeDue(i, buffer, out int length));
                Assert.Equal(TestPackets.Numbered(i), buffer.AsSpan(0, length).ToArray());
            }

            Assert.Equal(100, path.Counters.Delivered);
            Assert.Equal(0, path.Counters.Lost + path.Counters.Duplicated + path.Counters.Corrupted + path.Counters.Reordered);
        }

        [Theory]
        [InlineData(0.05)]
        [InlineData(0.3)]
        public void LossShouldDropAboutTheGivenShare(double loss)
        {
            var path = new FaultyPath(new FaultProfile { Loss = loss }, 3, 1500);
            const int offered = 20_000;
            int delivered = OfferAndDrain(path, offered);

            Assert.Equal(offered - path.Counters.Lost, delivered);
            Assert.InRange(path.Counters.Lost, (long)(offered * loss * 0.85), (long)(offered * loss * 1.15));
        }

        [Fact]
        public void DuplicateShouldDeliverAnExtraIdenticalCopy()
        {
            var path = new FaultyPath(new FaultProfile { Duplicate = 1 }, 3, 1500);
            byte[] buffer = new byte[1500];

            path.Offer(TestPackets.Numbered(9), 0);

            Assert.True(path.TryTakeDue(0, buffer, out int length));
            Assert.Equal(TestPackets.Numbered(9), buffer.AsSpan(0, length).ToArray());
            Assert.True(path.TryTakeDue(0, buffer, out length));
            Assert.Equal(TestPackets.Numbered(9), buffer.AsSpan(0, length).ToArray());
            Assert.False(path.TryTakeDue(0, buffer, out _));
            Assert.Equal(1, path.Counters.Duplicated);
            Assert.Equal(2, path.Counters.Delivered);
        }

        [Fact]
        public void CorruptShouldFlipExactlyOneBit()
        {
            var path = new FaultyPath(new FaultProfile { Corrupt = 1 }, 11, 1500);
            byte[] buffer = new byte[1500];
            for (int i = 0; i < 200; i++)
            {
                byte[] original = TestPackets.Numbered(i, 60);
                path.Offer(original, 0);
                Assert.True(path.TryTakeDue(0, buffer, out int length));
                Assert.Equal(60, length);
                int flippedBits = 0;
                for (int b = 0; b < length; b++)
                {
                    flippedBits += System.Numerics.BitOperations.PopCount((uint)(original[b] ^ buffer[b]));
                }

                Assert.Equal(1, flippedBits);
            }

            Assert.Equal(200, path.Counters.Corrupted);
        }

        [Fact]
        public void CorruptedDeliveriesShouldBeCountedApartFromCleanDuplicates()
        {
            var path = new FaultyPath(new FaultProfile { Corrupt = 0.5, Duplicate = 0.5, Delay = TimeSpan.FromMilliseconds(1) }, 12, 1500);
            byte[] buffer = new byte[1500];
            var originals = new HashSet<string>();
            int damaged = 0;
            for (int i = 0; i < 400; i++)
            {
                byte[] original = TestPackets.Numbered(i, 60);
                originals.Add(Convert.ToHexString(original));
                path.Offer(original, i * 10L);
                while (path.TryTakeDue(i * 10L, buffer, out int length))
                {
                    damaged += originals.Contains(Convert.ToHexString(buffer, 0, length)) ? 0 : 1;
                }
            }

            // Some packets are still in flight: only those handed over count as delivered, and a duplicate is a clean copy.
            Assert.True(path.InFlight > 0);
            Assert.True(path.Counters.CorruptedDelivered < path.Counters.Corrupted);
            Assert.Equal(damaged, path.Counters.CorruptedDelivered);
        }

        [Fact]
        public void DelayShouldHoldAPacketUntilItIsDue()
        {
            var path = new FaultyPath(new FaultProfile { Delay = TimeSpan.FromMilliseconds(10) }, 1, 1500);
            byte[] buffer = new byte[1500];

            path.Offer(TestPackets.Numbered(1), 1_000);

            Assert.Equal(11_000, path.NextDue);
            Assert.False(path.TryTakeDue(10_999, buffer, out _));
            Assert.True(path.TryTakeDue(11_000, buffer, out _));
            Assert.Equal(long.MaxValue, path.NextDue);
        }

        [Fact]
        public void JitterShouldStayWithinItsRange()
        {
            var profile = new FaultProfile { Delay = TimeSpan.FromMilliseconds(1), Jitter = TimeSpan.FromMilliseconds(4) };
            var path = new FaultyPath(profile, 5, 1500);
            var dues = new HashSet<long>();
            for (int i = 0; i < 500; i++)
            {
                path.Offer(TestPackets.Numbered(i), 0);
                long due = path.NextDue;
                Assert.InRange(due, 1_000, 5_000);
                dues.Add(due);
                Assert.True(path.TryTakeDue(due, new byte[1500], out _));
            }

            Assert.True(dues.Count > 100, $"jitter drew only {dues.Count} distinct delays");
        }

        [Fact]
        public void BandwidthShouldSpacePacketsBySerialisationTime()
        {
            // 1000-byte packets at 8 Mbit/s take 1 ms each on the wire.
            var path = new FaultyPath(new FaultProfile { BandwidthBitsPerSecond = 8_000_000 }, 1, 1500);
            byte[] buffer = new byte[1500];
            for (int i = 0; i < 5; i++)
            {
                path.Offer(TestPackets.Numbered(i, 1000), 0);
            }

            for (int i = 1; i <= 5; i++)
            {
                Assert.Equal(i * 1000L, path.NextDue);
                Assert.True(path.TryTakeDue(i * 1000L, buffer, out _));
                Assert.Equal(i - 1, TestPackets.NumberOf(buffer));
            }
        }

        [Fact]
        public void ReorderedPacketShouldBeOvertakenByTheNextOne()
        {
            var profile = new FaultProfile { Reorder = 1, ReorderDelay = TimeSpan.FromMilliseconds(5) };
            var path = new FaultyPath(profile, 1, 1500);
            byte[] buffer = new byte[1500];

            path.Offer(TestPackets.Numbered(1), 0);
            Assert.False(path.TryTakeDue(4_999, buffer, out _));
            Assert.True(path.TryTakeDue(5_000, buffer, out _));
            Assert.Equal(1, path.Counters.Reordered);

            // Mixed: with half the packets held back, some later packet must arrive before an earlier one.
            var half = new FaultyPath(profile with { Reorder = 0.5 }, 9, 1500);
            for (int i = 0; i < 50; i++)
            {
                half.Offer(TestPackets.Numbered(i), i * 100L);
            }

            var order = new List<int>();
            while (half.TryTakeDue(long.MaxValue - 1, buffer, out _))
            {
                order.Add(TestPackets.NumberOf(buffer));
            }

            Assert.Equal(50, order.Count);
            Assert.NotEqual(order, System.Linq.Enumerable.ToList(System.Linq.Enumerable.Order(order)));
        }

        [Fact]
        public void QueueLimitShouldDropAndCountOverflow()
        {
            var path = new FaultyPath(new FaultProfile { Delay = TimeSpan.FromSeconds(1), QueueLimit = 3 }, 1, 1500);
            for (int i = 0; i < 5; i++)
            {
                path.Offer(TestPackets.Numbered(i), 0);
            }

            Assert.Equal(3, path.InFlight);
            Assert.Equal(2, path.Counters.Overflowed);
        }

        [Fact]
        public void CountersShouldAddUp()
        {
            var path = new FaultyPath(Mixed, 99, 1500);
            int delivered = OfferAndDrain(path, 10_000);
            FaultCounters c = path.Counters;

            Assert.Equal(10_000, c.Offered);
            Assert.Equal(delivered, c.Delivered);
            Assert.Equal(c.Offered - c.Lost - c.Overflowed + c.Duplicated, c.Delivered);
            Assert.True(c.Lost > 0 && c.Reordered > 0 && c.Duplicated > 0 && c.Corrupted > 0, c.ToString());
        }

        [Fact]
        public void InvalidProfileShouldBeRejected()
        {
            Assert.Throws<ArgumentException>(() => new FaultyPath(new FaultProfile { Loss = 1.5 }, 1, 1500));
            Assert.Throws<ArgumentException>(() => new FaultyPath(new FaultProfile { Corrupt = double.NaN }, 1, 1500));
            Assert.Throws<ArgumentException>(() => new FaultyPath(new FaultProfile { Delay = TimeSpan.FromMilliseconds(-1) }, 1, 1500));
            Assert.Throws<ArgumentException>(() => new FaultyPath(new FaultProfile { BandwidthBitsPerSecond = -1 }, 1, 1500));
        }

        [Fact]
        public void SteadyStateShouldAllocateNothing()
        {
            var path = new FaultyPath(Mixed, 5, 1500);

            // Warm-up grows the delay line to its working depth; buffers are then reused.
            byte[] packet = TestPackets.Numbered(1, 1000);
            byte[] buffer = new byte[1500];
            OfferAndDrain(path, 20_000, packet, buffer);
            long before = GC.GetAllocatedBytesForCurrentThread();
            int delivered = OfferAndDrain(path, 5_000, packet, buffer);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(0, allocated);
            Assert.True(delivered > 4_000);
        }

        /// <summary>Offers numbered packets 100 µs apart and records each delivery as "number@time:hash".</summary>
        private static List<string> Run(FaultProfile profile, ulong seed, int packets)
        {
            var path = new FaultyPath(profile, seed, 1500);
            var log = new List<string>();
            byte[] buffer = new byte[1500];
            for (int i = 0; i < packets; i++)
            {
                long now = i * 100L;
                path.Offer(TestPackets.Numbered(i, 200), now);
                while (path.TryTakeDue(now, buffer, out int length))
                {
                    log.Add($"{TestPackets.NumberOf(buffer)}@{now}:{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(buffer.AsSpan(0, length)))}");
                }
            }

            return log;
        }

        private static int OfferAndDrain(FaultyPath path, int count) => OfferAndDrain(path, count, TestPackets.Numbered(1, 1000), new byte[1500]);

        private static int OfferAndDrain(FaultyPath path, int count, byte[] packet, byte[] buffer)
        {
            int delivered = 0;
            long now = 0;
            for (int i = 0; i < count; i++)
            {
                now += 100;
                path.Offer(packet, now);
                while (path.TryTakeDue(now, buffer, out _))
                {
                    delivered++;
                }
            }

            while (path.TryTakeDue(long.MaxValue - 1, buffer, out _))
            {
                delivered++;
            }

            return delivered;
        }
    }
}
