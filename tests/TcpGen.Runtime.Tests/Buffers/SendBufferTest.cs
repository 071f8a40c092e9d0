using System;
using System.Collections.Generic;
using CsCheck;
using TcpGen.Runtime.Buffers;
using Xunit;

namespace TcpGen.Runtime.Tests.Buffers
{
    /// <summary>The send queue from SND.UNA on: bounded enqueue, peek for (re)transmission, discard on ACK.</summary>
    public class SendBufferTest
    {
        [Fact]
        public void EnqueueShouldAcceptOnlyTheFreeSpace()
        {
            using var buffer = new SendBuffer(10);

            Assert.Equal(10, buffer.Enqueue(Bytes(0, 15)));
            Assert.Equal(10, buffer.Count);
            Assert.Equal(0, buffer.Free);
            Assert.Equal(0, buffer.Enqueue(Bytes(0, 1)));
        }

        [Fact]
        public void PeekShouldCopyWithoutRemoving()
        {
            using var buffer = new SendBuffer(16);
            buffer.Enqueue(Bytes(0, 8));
            var first = new byte[8];
            var second = new byte[8];

            Assert.Equal(8, buffer.Peek(0, first));
            Assert.Equal(8, buffer.Peek(0, second));
            Assert.Equal(Bytes(0, 8), first);
            Assert.Equal(first, second);
            Assert.Equal(8, buffer.Count);
        }

        [Fact]
        public void PeekAtOffsetShouldReturnDataAfterSndUna()
        {
            using var buffer = new SendBuffer(16);
            buffer.Enqueue(Bytes(0, 10));
            var destination = new byte[8];

            Assert.Equal(4, buffer.Peek(6, destination));
            Assert.Equal(Bytes(6, 4), destination.AsSpan(0, 4).ToArray());
            Assert.Equal(0, buffer.Peek(10, destination));
            Assert.Equal(0, buffer.Peek(11, destination));
        }

        [Fact]
        public void DiscardShouldFreeSpaceAndNeverRemoveMoreThanHeld()
        {
            using var buffer = new SendBuffer(10);
            buffer.Enqueue(Bytes(0, 10));

            Assert.Equal(4, buffer.Discard(4));
            Assert.Equal(6, buffer.Count);
            Assert.Equal(4, buffer.Free);
            var destination = new byte[1];
            buffer.Peek(0, destination);
            Assert.Equal(4, destination[0]);
            Assert.Equal(6, buffer.Discard(100));
            Assert.True(buffer.IsEmpty);
        }

        [Fact]
        public void DataWrittenAcrossTheRingEndShouldPeekInOrder()
        {
            using var buffer = new SendBuffer(7);
            buffer.Enqueue(Bytes(0, 5));
            buffer.Discard(4);
            buffer.Enqueue(Bytes(5, 6));
            var destination = new byte[7];

            Assert.Equal(7, buffer.Peek(0, destination));
            Assert.Equal(Bytes(4, 7), destination);
        }

        [Fact]
        public void GetPiecesShouldExposeWrappedDataAsTwoSpans()
        {
            using var buffer = new SendBuffer(7);
            buffer.Enqueue(Bytes(0, 5));
            buffer.Discard(4);
            buffer.Enqueue(Bytes(5, 6));

            int exposed = buffer.GetPieces(1, 100, out ReadOnlySpan<byte> first, out ReadOnlySpan<byte> second);

            Assert.Equal(6, exposed);
            Assert.Equal(6, first.Length + second.Length);
            Assert.True(second.Length > 0);
            var joined = new byte[6];
            first.CopyTo(joined);
            second.CopyTo(joined.AsSpan(first.Length));
            Assert.Equal(Bytes(5, 6), joined);
        }

        [Fact]
        public void NegativeOffsetShouldBeRejected()
        {
            using var buffer = new SendBuffer(4);

            Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Peek(-1, new byte[1]));
            Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Discard(-1));
        }

        [Theory]
        [InlineData(0)]
        [InlineData(-1)]
        [InlineData(BufferLimits.MaximumCapacity + 1)]
        public void InvalidCapacityShouldBeRejected(int capacity)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new SendBuffer(capacity));
        }

        [Fact]
        public void UseAfterDisposeShouldThrow()
        {
            var buffer = new SendBuffer(4);
            buffer.Dispose();
            buffer.Dispose();

            Assert.Throws<ObjectDisposedException>(() => buffer.Enqueue(new byte[1]));
        }

        [Fact]
        public void RandomOperationsShouldMatchAQueueAndStayWithinCapacity()
        {
            var gen = Gen.Select(Gen.Int[1, 40], Gen.Select(Gen.Int[0, 2], Gen.Int[0, 50]).Array[1, 200]);
            gen.Sample((capacity, operations) =>
            {
                using var buffer = new SendBuffer(capacity);
                var model = new List<byte>();
                byte nextByte = 0;
                foreach ((int kind, int size) in operations)
                {
                    switch (kind)
                    {
                        case 0:
                            var data = new byte[size];
                            for (int i = 0; i < size; i++)
                            {
                                data[i] = nextByte++;
                            }

                            int accepted = buffer.Enqueue(data);
                            Assert.Equal(Math.Min(size, capacity - model.Count), accepted);
                            model.AddRange(data.AsSpan(0, accepted).ToArray());
                            nextByte = (byte)(nextByte - (size - accepted));
                            break;
                        case 1:
                            int removed = buffer.Discard(size);
                            Assert.Equal(Math.Min(size, model.Count), removed);
                            model.RemoveRange(0, removed);
                            break;
                        default:
                            int offset = model.Count == 0 ? 0 : size % (model.Count + 1);
                            var destination = new byte[size];
                            int copied = buffer.Peek(offset, destination);
                            Assert.Equal(Math.Min(size, model.Count - offset), copied);
                            Assert.Equal(model.GetRange(offset, copied).ToArray(), destination.AsSpan(0, copied).ToArray());
                            break;
                    }

                    Assert.Equal(model.Count, buffer.Count);
                    Assert.InRange(buffer.Count, 0, capacity);
                    Assert.Equal(capacity - model.Count, buffer.Free);
                }
            }, iter: 300);
        }

        [Fact]
        public void SteadyStateEnqueuePeekDiscardShouldNotAllocate()
        {
            using var buffer = new SendBuffer(1000);
            byte[] chunk = Bytes(0, 300);
            var segment = new byte[300];
            RunCycles(buffer, chunk, segment, 100);

            // Least of three runs: a stray allocation by the test host on this thread must not fail the test.
            long allocated = long.MaxValue;
            for (int run = 0; run < 3; run++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                RunCycles(buffer, chunk, segment, 10_000);
                allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
            }

            Assert.Equal(0, allocated);
        }

        private static void RunCycles(SendBuffer buffer, byte[] chunk, byte[] segment, int cycles)
        {
            for (int i = 0; i < cycles; i++)
            {
                buffer.Enqueue(chunk);
                buffer.Peek(i % 200, segment);
                buffer.GetPieces(0, 100, out _, out _);
                buffer.Discard(300);
            }
        }

        private static byte[] Bytes(int start, int count)
        {
            var bytes = new byte[count];
            for (int i = 0; i < count; i++)
            {
                bytes[i] = (byte)(start + i);
            }

            return bytes;
        }
    }
}
