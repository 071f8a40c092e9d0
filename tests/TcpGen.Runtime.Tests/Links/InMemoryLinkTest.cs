using System;
using System.Threading;
using System.Threading.Tasks;
using TcpGen.Runtime.Links;
using Xunit;

namespace TcpGen.Runtime.Tests.Links
{
    public class InMemoryLinkTest
    {
        [Fact]
        public void SentPacketsShouldArriveAtThePeerInOrder()
        {
            (InMemoryLink a, InMemoryLink b) = InMemoryLink.CreatePair();
            using (a)
            using (b)
            {
                for (int i = 0; i < 5; i++)
                {
                    a.Send(TestPackets.Numbered(i, 40 + i));
                }

                byte[] buffer = new byte[a.Mtu];
                for (int i = 0; i < 5; i++)
                {
                    Assert.True(b.TryReceive(buffer, out int length));
                    Assert.Equal(TestPackets.Numbered(i, 40 + i), buffer.AsSpan(0, length).ToArray());
                }

                Assert.False(b.TryReceive(buffer, out _));
                Assert.False(a.TryReceive(buffer, out _));
                Assert.Equal(5, a.Counters.Sent);
                Assert.Equal(5, b.Counters.Received);
            }
        }

        [Fact]
        public void BothDirectionsShouldBeIndependent()
        {
            (InMemoryLink a, InMemoryLink b) = InMemoryLink.CreatePair();
            using (a)
            using (b)
            {
                a.Send(TestPackets.Numbered(1));
                b.Send(TestPackets.Numbered(2));
                byte[] buffer = new byte[a.Mtu];

                Assert.True(a.TryReceive(buffer, out _));
                Assert.Equal(2, TestPackets.NumberOf(buffer));
                Assert.True(b.TryReceive(buffer, out _));
                Assert.Equal(1, TestPackets.NumberOf(buffer));
            }
        }

        [Fact]
        public void FullQueueShouldDropAndCount()
        {
            (InMemoryLink a, InMemoryLink b) = InMemoryLink.CreatePair(queueCapacity: 4);
            using (a)
            using (b)
            {
                for (int i = 0; i < 10; i++)
                {
                    a.Send(TestPackets.Numbered(i));
                }

                Assert.Equal(4, a.Counters.Sent);
                Assert.Equal(6, a.Counters.Dropped);
                byte[] buffer = new byte[a.Mtu];
                for (int i = 0; i < 4; i++)
                {
                    Assert.True(b.TryReceive(buffer, out _));
                    Assert.Equal(i, TestPackets.NumberOf(buffer));
                }
            }
        }

        [Fact]
        public void PacketLargerThanTheMtuShouldBeDropped()
        {
            (InMemoryLink a, InMemoryLink b) = InMemoryLink.CreatePair(mtu: 576);
            using (a)
            using (b)
            {
                a.Send(new byte[577]);

                Assert.Equal(1, a.Counters.Dropped);
                Assert.False(b.TryReceive(new byte[1000], out _));
            }
        }

        [Fact]
        public void WaitShouldReturnTrueAtOnceWhenAPacketIsQueued()
        {
            (InMemoryLink a, InMemoryLink b) = InMemoryLink.CreatePair();
            using (a)
            using (b)
            {
                a.Send(TestPackets.Numbered(1));

                Assert.True(b.WaitReceivable(Timeout.InfiniteTimeSpan));
            }
        }

        [Fact]
        public void WaitShouldReturnFalseWhenNothingArrivesBeforeTheTimeout()
        {
            (InMemoryLink a, InMemoryLink b) = InMemoryLink.CreatePair();
            using (a)
            using (b)
            {
                Assert.False(b.WaitReceivable(TimeSpan.Zero));
            }
        }

        [Fact]
        public async Task SendFromAnotherThreadShouldWakeTheWaiter()
        {
            (InMemoryLink a, InMemoryLink b) = InMemoryLink.CreatePair();
            using (a)
            using (b)
            {
                Task<bool> waiter = Task.Factory.StartNew(() => b.WaitReceivable(Timeout.InfiniteTimeSpan), TaskCreationOptions.LongRunning);
                a.Send(TestPackets.Numbered(1));

                Assert.True(await waiter.WaitAsync(TimeSpan.FromSeconds(30)));
            }
        }

        [Fact]
        public async Task InterruptShouldWakeTheWaiterWithoutAPacket()
        {
            (InMemoryLink a, InMemoryLink b) = InMemoryLink.CreatePair();
            using (a)
            using (b)
            {
                using var started = new ManualResetEventSlim();
                Task<bool> waiter = Task.Factory.StartNew(
                    () =>
                    {
                        started.Set();
                        return b.WaitReceivable(Timeout.InfiniteTimeSpan);
                    },
                    TaskCreationOptions.LongRunning);
                started.Wait();
                b.Interrupt();

                Assert.False(await waiter.WaitAsync(TimeSpan.FromSeconds(30)));
            }
        }

        [Fact]
        public void DisposedEndShouldNeitherSendNorReceive()
        {
            (InMemoryLink a, InMemoryLink b) = InMemoryLink.CreatePair();
            using (a)
            {
                a.Send(TestPackets.Numbered(1));
                b.Dispose();
                a.Send(TestPackets.Numbered(2));

                Assert.False(b.TryReceive(new byte[1500], out _));
                Assert.Equal(1, a.Counters.Dropped);
                Assert.False(b.WaitReceivable(Timeout.InfiniteTimeSpan));
            }
        }

        [Fact]
        public void SteadyStateShouldAllocateNothing()
        {
            (InMemoryLink a, InMemoryLink b) = InMemoryLink.CreatePair();
            using (a)
            using (b)
            {
                byte[] packet = TestPackets.Numbered(1, 1500);
                byte[] buffer = new byte[1500];
                long sink = Exchange(a, b, packet, buffer, 100);

                // The least of three runs: a stray allocation by the test host on this thread under a parallel run must
                // not fail the test; a link that allocates per packet allocates in all three.
                long allocated = long.MaxValue;
                for (int run = 0; run < 3; run++)
                {
                    long before = GC.GetAllocatedBytesForCurrentThread();
                    sink += Exchange(a, b, packet, buffer, 10_000);
                    allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
                }

                Assert.Equal(0, allocated);
                Assert.Equal(30_100L * 1500, sink);
            }
        }

        private static long Exchange(InMemoryLink a, InMemoryLink b, byte[] packet, byte[] buffer, int rounds)
        {
            long received = 0;
            for (int i = 0; i < rounds; i++)
            {
                a.Send(packet);
                b.WaitReceivable(TimeSpan.Zero);
                if (b.TryReceive(buffer, out int length))
                {
                    received += length;
                }
            }

            return received;
        }
    }
}
