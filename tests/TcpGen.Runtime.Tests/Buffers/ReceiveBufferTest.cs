using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using TcpGen.Runtime.Buffers;
using Xunit;

namespace TcpGen.Runtime.Tests.Buffers
{
    /// <summary>
    /// The receive queue: in-order delivery, out-of-order reassembly (SHLD-31), window that never shrinks from the
    /// right (SHLD-14), and SACK blocks (RFC 2018).
    /// </summary>
    public class ReceiveBufferTest
    {
        [Fact]
        public void InOrderWriteShouldBecomeReadable()
        {
            using var buffer = new ReceiveBuffer(16);

            ReceiveWriteResult result = buffer.Write(0, Bytes(0, 5));

            Assert.Equal(new ReceiveWriteResult(5, 0, 0, false), result);
            Assert.Equal(5, buffer.ReadableCount);
            Assert.Equal(11, buffer.Window);
            Assert.Equal(Bytes(0, 5), ReadAll(buffer));
            Assert.Equal(16, buffer.Window);
        }

        [Fact]
        public void OutOfOrderWriteShouldWaitForTheGapToFill()
        {
            using var buffer = new ReceiveBuffer(32);

            ReceiveWriteResult late = buffer.Write(5, Bytes(5, 5));

            Assert.Equal(0, late.Advance);
            Assert.Equal(0, buffer.ReadableCount);
            Assert.Equal(1, buffer.OutOfOrderRangeCount);
            Assert.Equal(new ReceivedRange(5, 5), buffer.GetOutOfOrderRange(0));

            ReceiveWriteResult gap = buffer.Write(0, Bytes(0, 5));

            Assert.Equal(10, gap.Advance);
            Assert.Equal(0, buffer.OutOfOrderRangeCount);
            Assert.Equal(Bytes(0, 10), ReadAll(buffer));
        }

        [Fact]
        public void DuplicateSegmentShouldNotAdvanceTwice()
        {
            using var buffer = new ReceiveBuffer(32);
            buffer.Write(0, Bytes(0, 8));

            ReceiveWriteResult again = buffer.Write(-8, Bytes(0, 8));

            Assert.Equal(new ReceiveWriteResult(0, 8, 0, false), again);
            Assert.Equal(Bytes(0, 8), ReadAll(buffer));
        }

        [Fact]
        public void SegmentStartingBeforeRcvNxtShouldKeepOnlyTheNewPart()
        {
            using var buffer = new ReceiveBuffer(32);
            buffer.Write(0, Bytes(0, 8));

            ReceiveWriteResult overlap = buffer.Write(-3, Bytes(5, 6));

            Assert.Equal(new ReceiveWriteResult(3, 3, 0, false), overlap);
            Assert.Equal(Bytes(0, 11), ReadAll(buffer));
        }

        [Fact]
        public void OverlappingAndTouchingOutOfOrderSegmentsShouldMerge()
        {
            using var buffer = new ReceiveBuffer(64);
            buffer.Write(10, Bytes(10, 10));
            buffer.Write(30, Bytes(30, 5));
            Assert.Equal(2, buffer.OutOfOrderRangeCount);

            buffer.Write(15, Bytes(15, 10)); // overlaps [10,20) and extends it to 25
            buffer.Write(25, Bytes(25, 5));  // touches [10,25) and [30,35): all three become one

            Assert.Equal(1, buffer.OutOfOrderRangeCount);
            Assert.Equal(new ReceivedRange(10, 25), buffer.GetOutOfOrderRange(0));
            Assert.Equal(35, buffer.Write(0, Bytes(0, 10)).Advance);
            Assert.Equal(Bytes(0, 35), ReadAll(buffer));
        }

        [Fact]
        public void DataBeyondTheWindowShouldBeDroppedAndReported()
        {
            using var buffer = new ReceiveBuffer(10);

            ReceiveWriteResult result = buffer.Write(5, Bytes(5, 10));
            ReceiveWriteResult outside = buffer.Write(10, Bytes(10, 3));

            Assert.Equal(new ReceiveWriteResult(0, 0, 5, false), result);
            Assert.Equal(new ReceiveWriteResult(0, 0, 3, false), outside);
            Assert.Equal(8, buffer.OctetsBeyondWindowCount);
            Assert.Equal(new ReceivedRange(5, 5), buffer.GetOutOfOrderRange(0));
            Assert.Equal(10, buffer.Write(0, Bytes(0, 5)).Advance);
            Assert.Equal(0, buffer.Window);
        }

        [Fact]
        public void FullRangeListShouldDropOnlySegmentsNeedingANewRange()
        {
            using var buffer = new ReceiveBuffer(100, maxOutOfOrderRanges: 2);
            buffer.Write(10, Bytes(10, 5));
            buffer.Write(30, Bytes(30, 5));

            ReceiveWriteResult dropped = buffer.Write(50, Bytes(50, 5));
            ReceiveWriteResult extends = buffer.Write(15, Bytes(15, 5));

            Assert.True(dropped.DroppedRangeListFull);
            Assert.Equal(1, buffer.DroppedRangeListFullCount);
            Assert.False(extends.DroppedRangeListFull);
            Assert.Equal(new ReceivedRange(10, 10), buffer.GetOutOfOrderRange(0));
            Assert.Equal(new ReceivedRange(30, 5), buffer.GetOutOfOrderRange(1));
            Assert.Equal(2, buffer.OutOfOrderRangeCount);
        }

        [Fact]
        public void MostRecentRangeShouldBeTheBlockOfTheLatestSegment()
        {
            using var buffer = new ReceiveBuffer(100);
            buffer.Write(40, Bytes(40, 5));
            buffer.Write(10, Bytes(10, 5));
            Assert.True(buffer.TryGetMostRecentRange(out ReceivedRange recent));
            Assert.Equal(new ReceivedRange(10, 5), recent);

            buffer.Write(0, Bytes(0, 10));

            Assert.False(buffer.TryGetMostRecentRange(out _));
            Assert.Equal(new ReceivedRange(25, 5), buffer.GetOutOfOrderRange(0));
        }

        [Fact]
        public void RecentRangesShouldFollowTheArrivalsNewestFirst()
        {
            using var buffer = new ReceiveBuffer(100);
            buffer.Write(10, Bytes(10, 5));
            buffer.Write(40, Bytes(40, 5));
            buffer.Write(25, Bytes(25, 5));

            // RFC 2018 4: the newest arrival's block first, then the blocks of the arrivals before it.
            Assert.True(buffer.TryGetRecentRange(0, out ReceivedRange newest));
            Assert.Equal(new ReceivedRange(25, 5), newest);
            Assert.True(buffer.TryGetRecentRange(1, out ReceivedRange second));
            Assert.Equal(new ReceivedRange(40, 5), second);
            Assert.True(buffer.TryGetRecentRange(2, out ReceivedRange third));
            Assert.Equal(new ReceivedRange(10, 5), third);
            Assert.False(buffer.TryGetRecentRange(3, out _));

            buffer.Write(0, Bytes(0, 15)); // the oldest arrival becomes in order
            Assert.False(buffer.TryGetRecentRange(2, out _));
            Assert.True(buffer.TryGetRecentRange(0, out newest));
            Assert.Equal(new ReceivedRange(10, 5), newest);
        }

        [Fact]
        public void RangesShouldBeReportedRelativeToTheCurrentRcvNxt()
        {
            using var buffer = new ReceiveBuffer(100);
            buffer.Write(20, Bytes(20, 5));

            buffer.Write(0, Bytes(0, 8));

            Assert.Equal(new ReceivedRange(12, 5), buffer.GetOutOfOrderRange(0));
            Assert.Equal(17, buffer.GetOutOfOrderRange(0).End);
        }

        [Fact]
        public void AdvertisedRightEdgeShouldSetTheMinimumWindow()
        {
            using var buffer = new ReceiveBuffer(100);
            buffer.RecordAdvertisedWindow(80);
            buffer.Write(0, Bytes(0, 30));

            Assert.Equal(50, buffer.MinimumWindowToAdvertise);
            Assert.Equal(70, buffer.Window);
            buffer.RecordAdvertisedWindow(10); // a smaller advertisement does not pull the promised edge back

            Assert.Equal(50, buffer.MinimumWindowToAdvertise);
        }

        [Fact]
        public void RandomTrafficShouldNeverShrinkTheRightEdgeOrExceedCapacity()
        {
            // SHLD-14: RCV.NXT + Window must never move left, whatever arrives and whatever is read.
            var gen = Gen.Select(Gen.Int[1, 64], Gen.Select(Gen.Int[-20, 80], Gen.Int[0, 40], Gen.Int[0, 40]).Array[1, 100]);
            gen.Sample((capacity, steps) =>
            {
                using var buffer = new ReceiveBuffer(capacity, maxOutOfOrderRanges: 4);
                long rcvNxt = 0;
                long rightEdge = capacity;
                foreach ((int offset, int length, int readSize) in steps)
                {
                    rcvNxt += buffer.Write(offset, new byte[length]).Advance;
                    buffer.Read(new byte[readSize]);

                    Assert.True(rcvNxt + buffer.Window >= rightEdge);
                    rightEdge = rcvNxt + buffer.Window;
                    Assert.InRange(buffer.ReadableCount, 0, capacity);
                    Assert.Equal(capacity, buffer.ReadableCount + buffer.Window);
                    for (int i = 0; i < buffer.OutOfOrderRangeCount; i++)
                    {
                        ReceivedRange range = buffer.GetOutOfOrderRange(i);
                        Assert.True(range.Offset > 0 && range.Length > 0 && range.End <= buffer.Window);
                    }
                }
            }, iter: 300);
        }

        [Fact]
        public void ReorderedAndDuplicatedChunksShouldReadBackIdentical()
        {
            var gen = Gen.Select(
                Gen.Byte.Array[1, 3000],
                Gen.Int[1, 200].Array[1, 60],
                Gen.Int.Array[120],
                Gen.Int[1, 3].Array[60]);
            gen.Sample((stream, cuts, sortKeys, copies) =>
            {
                List<(int Start, int Length)> chunks = Chunk(stream.Length, cuts);
                var deliveries = new List<(int Key, int Start, int Length)>();
                for (int i = 0; i < chunks.Count; i++)
                {
                    for (int copy = 0; copy < copies[i % copies.Length]; copy++)
                    {
                        deliveries.Add((sortKeys[(i + (copy * chunks.Count)) % sortKeys.Length], chunks[i].Start, chunks[i].Length));
                    }
                }

                using var buffer = new ReceiveBuffer(stream.Length, maxOutOfOrderRanges: chunks.Count);
                long rcvNxt = 0;
                foreach ((_, int start, int length) in deliveries.OrderBy(d => d.Key))
                {
                    ReceiveWriteResult result = buffer.Write((int)(start - rcvNxt), stream.AsSpan(start, length));
                    Assert.False(result.DroppedRangeListFull);
                    rcvNxt += result.Advance;
                }

                Assert.Equal(stream.Length, rcvNxt);
                Assert.Equal(stream, ReadAll(buffer));
            }, iter: 300);
        }

        [Fact]
        public void SmallWindowWithLossAndRetransmissionShouldReadBackIdentical()
        {
            // A capacity far below the stream length forces ring wraparound, trimming at the right edge and
            // retransmission rounds; random read sizes interleave with the arrivals.
            var gen = Gen.Select(Gen.Byte.Array[1, 4000], Gen.Int[1, 300], Gen.Int[1, 8], Gen.Int);
            gen.Sample((stream, capacity, maxRanges, seed) =>
            {
                var random = new Random(seed);
                using var buffer = new ReceiveBuffer(capacity, maxRanges);
                var received = new List<byte>();
                long rcvNxt = 0;
                var readBuffer = new byte[capacity];
                for (int round = 0; received.Count < stream.Length; round++)
                {
                    Assert.True(round < 100_000, "no progress");

                    // The sender transmits a few segments somewhere in or near the advertised window.
                    for (int i = 0; i < 4; i++)
                    {
                        int start = (int)rcvNxt + random.Next(-20, buffer.Window + 20);
                        start = Math.Clamp(start, 0, stream.Length - 1);
                        int length = Math.Min(random.Next(1, 60), stream.Length - start);
                        ReceiveWriteResult result = buffer.Write((int)(start - rcvNxt), stream.AsSpan(start, length));
                        rcvNxt += result.Advance;
                        Assert.InRange(buffer.ReadableCount, 0, capacity);
                    }

                    int read = buffer.Read(readBuffer.AsSpan(0, random.Next(0, capacity + 1)));
                    received.AddRange(readBuffer.AsSpan(0, read).ToArray());
                }

                Assert.Equal(stream, received.ToArray());
            }, iter: 200);
        }

        [Fact]
        public void SteadyStateWriteReadShouldNotAllocate()
        {
            using var buffer = new ReceiveBuffer(1000);
            byte[] segment = Bytes(0, 100);
            var destination = new byte[300];
            RunCycles(buffer, segment, destination, 100);

            // Least of three runs: a stray allocation by the test host on this thread must not fail the test.
            long allocated = long.MaxValue;
            for (int run = 0; run < 3; run++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                RunCycles(buffer, segment, destination, 10_000);
                allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
            }

            Assert.Equal(0, allocated);
        }

        private static void RunCycles(ReceiveBuffer buffer, byte[] segment, byte[] destination, int cycles)
        {
            for (int i = 0; i < cycles; i++)
            {
                // Third segment first, then second, then first: two out-of-order ranges, merge, advance by 300.
                buffer.Write(200, segment);
                buffer.Write(100, segment);
                buffer.TryGetMostRecentRange(out _);
                buffer.Write(0, segment);
                buffer.RecordAdvertisedWindow(buffer.Window);
                buffer.Read(destination);
            }
        }

        private static List<(int Start, int Length)> Chunk(int total, int[] cuts)
        {
            var chunks = new List<(int Start, int Length)>();
            int start = 0;
            for (int i = 0; start < total; i++)
            {
                int length = i < cuts.Length - 1 ? Math.Min(cuts[i], total - start) : total - start;
                chunks.Add((start, length));
                start += length;
            }

            return chunks;
        }

        private static byte[] ReadAll(ReceiveBuffer buffer)
        {
            var all = new byte[buffer.ReadableCount];
            Assert.Equal(all.Length, buffer.Read(all));
            Assert.Equal(0, buffer.ReadableCount);
            return all;
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
