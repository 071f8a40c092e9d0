using System;
using TcpGen.Runtime.Links;
using Xunit;

namespace TcpGen.Runtime.Tests.Links
{
    public class PacketQueueTest
    {
        [Fact]
        public void PacketsShouldComeOutInOrderAcrossWrapAround()
        {
            var queue = new PacketQueue(capacity: 3, maxPacketSize: 200);
            byte[] buffer = new byte[200];
            int next = 0;
            for (int round = 0; round < 10; round++)
            {
                Assert.True(queue.TryEnqueue(TestPackets.Numbered(round * 2, 50 + round)));
                Assert.True(queue.TryEnqueue(TestPackets.Numbered(round * 2 + 1, 60 + round)));
                for (int i = 0; i < 2; i++)
                {
                    Assert.True(queue.TryDequeue(buffer, out int length));
                    Assert.Equal(TestPackets.Numbered(next, length), buffer.AsSpan(0, length).ToArray());
                    next++;
                }
            }

            Assert.False(queue.TryDequeue(buffer, out _));
        }

        [Fact]
        public void FullQueueShouldRefuse()
        {
            var queue = new PacketQueue(capacity: 2, maxPacketSize: 100);

            Assert.True(queue.TryEnqueue(TestPackets.Numbered(1)));
            Assert.True(queue.TryEnqueue(TestPackets.Numbered(2)));
            Assert.False(queue.TryEnqueue(TestPackets.Numbered(3)));
            Assert.Equal(2, queue.Count);
        }

        [Fact]
        public void OversizeOrEmptyPacketShouldBeRefused()
        {
            var queue = new PacketQueue(capacity: 2, maxPacketSize: 100);

            Assert.False(queue.TryEnqueue(new byte[101]));
            Assert.False(queue.TryEnqueue(ReadOnlySpan<byte>.Empty));
            Assert.Equal(0, queue.Count);
        }

        [Fact]
        public void ShortDestinationShouldTruncate()
        {
            var queue = new PacketQueue(capacity: 2, maxPacketSize: 100);
            queue.TryEnqueue(TestPackets.Numbered(7, 100));
            byte[] small = new byte[10];

            Assert.True(queue.TryDequeue(small, out int length));

            Assert.Equal(10, length);
            Assert.Equal(TestPackets.Numbered(7, 100).AsSpan(0, 10).ToArray(), small);
        }
    }
}
