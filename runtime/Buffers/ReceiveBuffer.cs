using System;
using System.Buffers;

namespace TcpGen.Runtime.Buffers
{
    /// <summary>
    /// The receive queue of one connection: in-order octets waiting for the application, followed by room for
    /// the receive window in which out-of-order octets are reassembled (RFC 9293 3.10.7.4, SHLD-31: queue
    /// out-of-order segments). A fixed-capacity byte ring of any capacity from 1 to
    /// <see cref="BufferLimits.MaximumCapacity"/> (not rounded to a power of two), rented from
    /// <see cref="ArrayPool{T}.Shared"/> and returned by <see cref="Dispose"/>; no call allocates.
    /// <para>
    /// Positions are offsets from RCV.NXT. The buffer's right edge is (first unread octet + capacity): it only
    /// moves right, when the application reads, so advertising <see cref="Window"/> never shrinks the window
    /// (SHLD-14). When the engine rounds its advertisement (window scaling, receiver SWS avoidance), it records what
    /// it advertised with <see cref="RecordAdvertisedWindow"/> and must not go below <see cref="MinimumWindowToAdvertise"/>.
    /// </para>
    /// <para>
    /// Out-of-order data is tracked as at most <see cref="MaxOutOfOrderRanges"/> disjoint blocks, merged when they
    /// overlap or touch. A segment that would need a new block while the list is full is dropped and reported;
    /// the peer retransmits it. Overlapping octets are overwritten by the newer copy (a retransmission carries the
    /// same octets, RFC 9293 3.4).
    /// </para>
    /// </summary>
    public sealed class ReceiveBuffer : IDisposable
    {
        /// <summary>Default bound on out-of-order blocks: far more than the 3-4 SACK blocks an option can carry (RFC 2018 section 3).</summary>
        public const int DefaultMaxOutOfOrderRanges = 32;

        /// <summary>Why it exists: the rented backing array (only the first <see cref="_capacity"/> bytes are used).</summary>
        private byte[] _storage;

        /// <summary>Why it exists: the configured bound on held octets; fixed for the buffer's lifetime.</summary>
        private readonly int _capacity;

        /// <summary>Why it exists: ring index of the first octet the application has not read.</summary>
        private int _readIndex;

        /// <summary>Why it exists: in-order octets between the read position and RCV.NXT, ready for <see cref="Read"/>.</summary>
        private int _readable;

        /// <summary>
        /// Why it exists: stream position of RCV.NXT (octets since the buffer was created). Block edges are kept as
        /// stream positions so that reads and RCV.NXT advances do not have to rewrite them; 2^63 octets never wrap.
        /// </summary>
        private long _nextPosition;

        /// <summary>Why it exists: stream positions where out-of-order blocks start, sorted ascending.</summary>
        private readonly long[] _rangeStarts;

        /// <summary>Why it exists: stream positions just past each block (parallel to <see cref="_rangeStarts"/>).</summary>
        private readonly long[] _rangeEnds;

        /// <summary>Why it exists: blocks in use in the two arrays.</summary>
        private int _rangeCount;

        /// <summary>Out-of-order arrivals remembered for SACK block order: as many blocks as one option can carry.</summary>
        public const int RecentArrivalsTracked = 4;

        /// <summary>
        /// Why it exists: stream positions of the latest out-of-order segments, newest first. Their blocks lead the SACK
        /// option, the newest first (RFC 2018 section 4), so each block is reported in several ACKs.
        /// </summary>
        private readonly long[] _recentArrivals = new long[RecentArrivalsTracked];

        /// <summary>Why it exists: entries of <see cref="_recentArrivals"/> in use.</summary>
        private int _recentArrivalCount;

        /// <summary>Why it exists: the furthest right edge advertised to the peer, which must not move left (SHLD-14).</summary>
        private long _advertisedRightEdge;

        /// <summary>Why it exists: refuses use after the array went back to the pool.</summary>
        private bool _disposed;

        /// <summary>Rents storage for exactly <paramref name="capacity"/> octets.</summary>
        /// <param name="capacity">Octets held at most (unread plus window).</param>
        /// <param name="maxOutOfOrderRanges">Out-of-order blocks tracked at most; 0 disables out-of-order queuing.</param>
        public ReceiveBuffer(int capacity, int maxOutOfOrderRanges = DefaultMaxOutOfOrderRanges)
        {
            BufferLimits.ValidateCapacity(capacity, nameof(capacity));
            ArgumentOutOfRangeException.ThrowIfNegative(maxOutOfOrderRanges);
            _capacity = capacity;
            _storage = ArrayPool<byte>.Shared.Rent(capacity);
            _rangeStarts = new long[maxOutOfOrderRanges];
            _rangeEnds = new long[maxOutOfOrderRanges];
        }

        /// <summary>The most octets the buffer holds.</summary>
        public int Capacity => _capacity;

        /// <summary>The most out-of-order blocks tracked.</summary>
        public int MaxOutOfOrderRanges => _rangeStarts.Length;

        /// <summary>In-order octets ready for <see cref="Read"/>.</summary>
        public int ReadableCount => _readable;

        /// <summary>
        /// Octets from RCV.NXT to the buffer's right edge: the largest RCV.WND the buffer can honour.
        /// Shrinks as data arrives in order, grows as the application reads; the right edge never moves left.
        /// </summary>
        public int Window => _capacity - _readable;

        /// <summary>
        /// The smallest window that keeps the furthest right edge recorded by <see cref="RecordAdvertisedWindow"/>
        /// (SHLD-14: do not shrink the window). 0 if nothing was advertised beyond RCV.NXT.
        /// </summary>
        public int MinimumWindowToAdvertise => (int)Math.Max(0L, _advertisedRightEdge - _nextPosition);

        /// <summary>Out-of-order blocks held, for <see cref="GetOutOfOrderRange"/>.</summary>
        public int OutOfOrderRangeCount => _rangeCount;

        /// <summary>Out-of-order segments dropped since creation because the block list was full.</summary>
        public long DroppedRangeListFullCount { get; private set; }

        /// <summary>Octets dropped since creation because they lay past the right edge.</summary>
        public long OctetsBeyondWindowCount { get; private set; }

        /// <summary>
        /// Stores one segment's data, which starts <paramref name="offset"/> octets after RCV.NXT (negative if it
        /// starts before), and reports how far RCV.NXT advanced. Octets before RCV.NXT are ignored, octets past the
        /// right edge are dropped, and everything in between is kept even if out of order.
        /// </summary>
        public ReceiveWriteResult Write(int offset, ReadOnlySpan<byte> data)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            long start = _nextPosition + offset;
            long end = start + data.Length;
            long rightEdge = _nextPosition + Window;

            int beforeNext = (int)Math.Clamp(_nextPosition - start, 0L, data.Length);
            start += beforeNext;
            int beyondWindow = (int)Math.Clamp(end - Math.Max(start, rightEdge), 0L, end - start);
            end -= beyondWindow;
            OctetsBeyondWindowCount += beyondWindow;
            if (end <= start)
            {
                return new ReceiveWriteResult(0, beforeNext, beyondWindow, false);
            }

            ReadOnlySpan<byte> kept = data.Slice(beforeNext, (int)(end - start));
            if (start == _nextPosition)
            {
                ByteRing.Write(Ring, RingIndexOf(start), kept);
                return new ReceiveWriteResult(AdvanceNext(end), beforeNext, beyondWindow, false);
            }

            if (!TryAddRange(start, end))
            {
                DroppedRangeListFullCount++;
                return new ReceiveWriteResult(0, beforeNext, beyondWindow, true);
            }

            ByteRing.Write(Ring, RingIndexOf(start), kept);
            RememberArrival(start);
            return new ReceiveWriteResult(0, beforeNext, beyondWindow, false);
        }

        /// <summary>Moves in-order octets into <paramref name="destination"/>; returns how many (at most <see cref="ReadableCount"/>).</summary>
        public int Read(Span<byte> destination)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            int count = Math.Min(destination.Length, _readable);
            if (count == 0)
            {
                return 0;
            }

            ByteRing.Read(Ring, _readIndex, destination.Slice(0, count));
            _readIndex = ByteRing.Wrap(_readIndex, count, _capacity);
            _readable -= count;
            return count;
        }

        /// <summary>The out-of-order block at <paramref name="index"/> (0 is nearest RCV.NXT), relative to RCV.NXT.</summary>
        public ReceivedRange GetOutOfOrderRange(int index)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _rangeCount);
            return ToRange(index);
        }

        /// <summary>
        /// The block holding the most recently received out-of-order segment, which RFC 2018 section 4 requires as the
        /// first SACK block. False if that data has since become in order or no out-of-order data is held.
        /// </summary>
        public bool TryGetMostRecentRange(out ReceivedRange range) => TryGetRecentRange(0, out range);

        /// <summary>
        /// The block holding the <paramref name="recency"/>-th most recent out-of-order segment (0 is the latest, up to
        /// <see cref="RecentArrivalsTracked"/> - 1). False if that data has since become in order, or there was no such
        /// arrival. Several arrivals may lie in one block.
        /// </summary>
        public bool TryGetRecentRange(int recency, out ReceivedRange range)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(recency);
            if (recency < _recentArrivalCount)
            {
                long position = _recentArrivals[recency];
                for (int i = 0; i < _rangeCount; i++)
                {
                    if (_rangeStarts[i] <= position && position < _rangeEnds[i])
                    {
                        range = ToRange(i);
                        return true;
                    }
                }
            }

            range = default;
            return false;
        }

        /// <summary>
        /// Records that a segment advertised <paramref name="window"/> octets at the current RCV.NXT, so that
        /// <see cref="MinimumWindowToAdvertise"/> keeps that right edge (SHLD-14).
        /// </summary>
        public void RecordAdvertisedWindow(int window)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(window);
            _advertisedRightEdge = Math.Max(_advertisedRightEdge, _nextPosition + window);
        }

        /// <summary>Returns the storage to the pool. Later calls throw <see cref="ObjectDisposedException"/>.</summary>
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            byte[] storage = _storage;
            _storage = Array.Empty<byte>();
            _readable = 0;
            _rangeCount = 0;
            // Cleared so the next renter cannot read this connection's data.
            ArrayPool<byte>.Shared.Return(storage, clearArray: true);
        }

        /// <summary>Puts an out-of-order arrival at <paramref name="position"/> first in the recent-arrival list.</summary>
        private void RememberArrival(long position)
        {
            int count = Math.Min(_recentArrivalCount + 1, RecentArrivalsTracked);
            for (int i = count - 1; i > 0; i--)
            {
                _recentArrivals[i] = _recentArrivals[i - 1];
            }

            _recentArrivals[0] = position;
            _recentArrivalCount = count;
        }

        /// <summary>Moves RCV.NXT to <paramref name="end"/>, then over every held block it now reaches; returns the advance.</summary>
        private int AdvanceNext(long end)
        {
            long next = end;
            int absorbed = 0;
            while (absorbed < _rangeCount && _rangeStarts[absorbed] <= next)
            {
                next = Math.Max(next, _rangeEnds[absorbed]);
                absorbed++;
            }

            RemoveRanges(0, absorbed);
            int advance = (int)(next - _nextPosition);
            _nextPosition = next;
            _readable += advance;
            return advance;
        }

        /// <summary>
        /// Adds [start, end) to the sorted block list, merging every block it overlaps or touches.
        /// False, with nothing changed, if it needs a new block and the list is full.
        /// </summary>
        private bool TryAddRange(long start, long end)
        {
            int first = 0;
            while (first < _rangeCount && _rangeEnds[first] < start)
            {
                first++;
            }

            int last = first - 1;
            while (last + 1 < _rangeCount && _rangeStarts[last + 1] <= end)
            {
                last++;
            }

            int merged = last - first + 1;
            if (merged == 0)
            {
                if (_rangeCount == _rangeStarts.Length)
                {
                    return false;
                }

                Array.Copy(_rangeStarts, first, _rangeStarts, first + 1, _rangeCount - first);
                Array.Copy(_rangeEnds, first, _rangeEnds, first + 1, _rangeCount - first);
                _rangeStarts[first] = start;
                _rangeEnds[first] = end;
                _rangeCount++;
                return true;
            }

            _rangeStarts[first] = Math.Min(start, _rangeStarts[first]);
            _rangeEnds[first] = Math.Max(end, _rangeEnds[last]);
            RemoveRanges(first + 1, merged - 1);
            return true;
        }

        /// <summary>Removes <paramref name="count"/> blocks starting at <paramref name="index"/>, keeping order.</summary>
        private void RemoveRanges(int index, int count)
        {
            if (count == 0)
            {
                return;
            }

            int tail = _rangeCount - index - count;
            Array.Copy(_rangeStarts, index + count, _rangeStarts, index, tail);
            Array.Copy(_rangeEnds, index + count, _rangeEnds, index, tail);
            _rangeCount -= count;
        }

        /// <summary>Block <paramref name="index"/> relative to RCV.NXT.</summary>
        private ReceivedRange ToRange(int index) =>
            new((int)(_rangeStarts[index] - _nextPosition), (int)(_rangeEnds[index] - _rangeStarts[index]));

        /// <summary>Ring index of a stream position inside [first unread octet, right edge).</summary>
        private int RingIndexOf(long position) =>
            ByteRing.Wrap(_readIndex, (int)(position - (_nextPosition - _readable)), _capacity);

        /// <summary>The used part of the storage.</summary>
        private Span<byte> Ring => _storage.AsSpan(0, _capacity);
    }
}
