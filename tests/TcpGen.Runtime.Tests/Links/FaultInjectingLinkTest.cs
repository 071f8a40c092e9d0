using System;
using System.Collections.Generic;
using TcpGen.Runtime.Links;
using Xunit;

namespace TcpGen.Runtime.Tests.Links
{
    public class FaultInjectingLinkTest
    {
        [Fact]
        public void TransparentProfilesShouldPassPacketsBothWays()
        {
            (InMemoryLink a, InMemoryLink b) = InMemoryLink.CreatePair();
            using var faulty = new FaultInjectingLink(a, FaultProfile.None, FaultProfile.None, seed: 1);
            using (b)
            {
                byte[] buffer = new byte[1500];
                faulty.Send(TestPackets.Numbered(1));
                Assert.True(b.TryReceive(buffer, out _));
                Assert.Equal(1, TestPackets.NumberOf(buffer));

                b.Send(TestPackets.Numbered(2));
                Assert.True(faulty.WaitReceivable(TimeSpan.Zero));
                Assert.True(faulty.TryReceive(buffer, out int length));
                Assert.Equal(TestPackets.Numbered(2), buffer.AsSpan(0, length).ToArray());
                Assert.Equal(1, faulty.OutboundCounters.Delivered);
                Assert.Equal(1, faulty.InboundCounters.Delivered);
            }
        }

        [Fact]
        public void OutboundDelayShouldReleaseThePacketOnlyWhenDue()
        {
            var clock = new ManualTimeProvider();
            (InMemoryLink a, InMemoryLink b) = InMemoryLink.CreatePair();
            var delayed = new FaultProfile { Delay = TimeSpan.FromMilliseconds(20) };
            using var faulty = new FaultInjectingLink(a, delayed, FaultProfile.None, seed: 1, clock);
            using (b)
            {
                byte[] buffer = new byte[1500];
                faulty.Send(TestPackets.Numbered(1));
                Assert.False(b.TryReceive(buffer, out _));

                clock.Advance(TimeSpan.FromMilliseconds(19));
                faulty.WaitReceivable(TimeSpan.Zero);
                Assert.False(b.TryReceive(buffer, out _));

                clock.Advance(TimeSpan.FromMilliseconds(1));
                faulty.WaitReceivable(TimeSpan.Zero);
                Assert.True(b.TryReceive(buffer, out _));
                Assert.Equal(1, TestPackets.NumberOf(buffer));
            }
        }

        [Fact]
        public void InboundDelayShouldHoldReceivedPacketsUntilDue()
        {
            var clock = new ManualTimeProvider();
            (InMemoryLink a, InMemoryLink b) = InMemoryLink.CreatePair();
            var delayed = new FaultProfile { Delay = TimeSpan.FromMilliseconds(5) };
            using var faulty = new FaultInjectingLink(a, FaultProfile.None, delayed, seed: 1, clock);
            using (b)
            {
                byte[] buffer = new byte[1500];
                b.Send(TestPackets.Numbered(3));

                Assert.False(faulty.TryReceive(buffer, out _));
                Assert.False(faulty.WaitReceivable(TimeSpan.Zero));

                clock.Advance(TimeSpan.FromMilliseconds(5));
                Assert.True(faulty.WaitReceivable(TimeSpan.Zero));
                Assert.True(faulty.TryReceive(buffer, out _));
                Assert.Equal(3, TestPackets.NumberOf(buffer));
            }
        }

        [Fact]
        public void InboundLossShouldDropOnlyReceivedPackets()
        {
            (InMemoryLink a, InMemoryLink b) = InMemoryLink.CreatePair();
            using var faulty = new FaultInjectingLink(a, FaultProfile.None, new FaultProfile { Loss = 1 }, seed: 1);
            using (b)
            {
                byte[] buffer = new byte[1500];
                b.Send(TestPackets.Numbered(1));
                faulty.Send(TestPackets.Numbered(2));

                Assert.False(faulty.TryReceive(buffer, out _));
                Assert.True(b.TryReceive(buffer, out _));
                Assert.Equal(1, faulty.InboundCounters.Lost);
                Assert.Equal(0, faulty.OutboundCounters.Lost);
            }
        }

        [Fact]
        public void SameSeedShouldImpairTheSamePackets()
        {
            var profile = new FaultProfile { Loss = 0.2, Duplicate = 0.1, Corrupt = 0.05 };

            List<string> first = SendThrough(profile, seed: 77);
            List<string> second = SendThrough(profile, seed: 77);
            List<string> other = SendThrough(profile, seed: 78);

            Assert.Equal(first, second);
            Assert.NotEqual(first, other);
        }

        [Fact]
        public void DirectionsShouldDrawFromIndependentStreams()
        {
            var profile = new FaultProfile { Loss = 0.5 };
            (InMemoryLink a, InMemoryLink b) = InMemoryLink.CreatePair();
            using var faulty = new FaultInjectingLink(a, profile, profile, seed: 5);
            using (b)
            {
                byte[] buffer = new byte[1500];
                var outSurvivors = new List<int>();
                var inSurvivors = new List<int>();
                for (int i = 0; i < 200; i++)
                {
                    faulty.Send(TestPackets.Numbered(i));
                    if (b.TryReceive(buffer, out _))
                    {
                        outSurvivors.Add(TestPackets.NumberOf(buffer));
                    }

                    b.Send(TestPackets.Numbered(i));
                    if (faulty.TryReceive(buffer, out _))
                    {
                        inSurvivors.Add(TestPackets.NumberOf(buffer));
                    }
                }

                Assert.NotEqual(outSurvivors, inSurvivors);
                Assert.Equal(200 - faulty.OutboundCounters.Lost, outSurvivors.Count);
                Assert.Equal(200 - faulty.InboundCounters.Lost, inSurvivors.Count);
            }
        }

        [Fact]
        public void InterruptShouldReachTheInnerLink()
        {
            (InMemoryLink a, InMemoryLink b) = InMemoryLink.CreatePair();
            using var faulty = new FaultInjectingLink(a, FaultProfile.None, FaultProfile.None, seed: 1);
            using (b)
            {
                faulty.Interrupt();

                // The interrupt left the inner link's wake-up signalled: an infinite wait returns (false: no packet).
                Assert.False(faulty.WaitReceivable(System.Threading.Timeout.InfiniteTimeSpan));
            }
        }

        [Fact]
        public void DisposeShouldDisposeAnOwnedInnerLink()
        {
            (InMemoryLink a, InMemoryLink b) = InMemoryLink.CreatePair();
            var faulty = new FaultInjectingLink(a, FaultProfile.None, FaultProfile.None, seed: 1);
            using (b)
            {
                faulty.Dispose();
                b.Send(TestPackets.Numbered(1));

                Assert.Equal(1, b.Counters.Dropped);
            }
        }

        private static List<string> SendThrough(FaultProfile profile, ulong seed)
        {
            (InMemoryLink a, InMemoryLink b) = InMemoryLink.CreatePair();
            using var faulty = new FaultInjectingLink(a, profile, FaultProfile.None, seed);
            using (b)
            {
                var log = new List<string>();
                byte[] buffer = new byte[1500];
                for (int i = 0; i < 300; i++)
                {
                    faulty.Send(TestPackets.Numbered(i));
                    while (b.TryReceive(buffer, out int length))
                    {
                        log.Add(Convert.ToHexString(buffer, 0, length));
                    }
                }

                return log;
            }
        }
    }
}
