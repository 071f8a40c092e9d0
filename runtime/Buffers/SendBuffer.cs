using System;
using System.Buffers;

namespace TcpGen.Runtime.Buffers
{
    /// <summary>
    /// The send queue of one connection: the octets from SND.UNA onwards, both unacknowledged in-flight data and
    /// data not yet sent (RFC 9293 3.3.1, send sequence space). A fixed-capacity byte ring: it never grows, so a
    /// full buffer pushes back on the application instead of consuming memory. Any capacity from 1 to
    /// <see cref="BufferLimits.MaximumCapacity"/> is allowed (not rounded to a power of two): the capacity is
    /// exactly what the connection was configured with. Storage is rented from <see cref="ArrayPool{T}.Shared"/>
    /// and returned by <see cref="Dispose"/>; no call allocates.
    /// Offsets are relative to SND.UNA: offset 0 is the oldest unacknowledged octet.
    /// </summary>
    public sealed class SendBuffer : IDisposable
    {
        /// <summary>Why it exists: the rented backing array (may be longer than the capacity; only the first <see cref="_capacity"/> bytes are used).</summary>
        private byte[] _storage;

        /// <summary>Why it exists: the configured bound; fixed for the buffer's lifetime.</summary>
        private readonly int _capacity;

        /// <summary>Why it exists: ring index of the octet at SND.UNA.</summary>
        private int _head;

        /// <summary>Why it exists: octets held (unacknowledged plus unsent).</summary>
        private int _count;

        /// <summary>Why it exists: refuses use after the array went back to the pool.</summary>
        private bool _disposed;

        /// <summary>Rents storage for exactly <paramref name="capacity"/> octets.</summary>
        public SendBuffer(int capacity)
        {
            BufferLimits.ValidateCapacity(capacity, nameof(capacity));
            _capacity = capacity;
            _storage = ArrayPool<byte>.Shared.Rent(capacity);
        }

        /// <summary>The most octets the buffer holds.</summary>
        public int Capacity => _capacity;

        /// <summary>Octets held, from SND.UNA on.</summary>
        public int Count => _count;

        /// <summary>Octets that <see cref="Enqueue"/> can still accept.</summary>
        public int Free => _capacity - _count;

        /// <summary>True if nothing is held.</summary>
        public bool IsEmpty => _count == 0;

        /// <summary>Appends as much of <paramref name="data"/> as fits and returns how many octets were accepted.</summary>
        public int Enqueue(ReadOnlySpan<byte> data)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            int accepted = Math.Min(data.Length, _capacity - _count);
            if (accepted == 0)
            {
                return 0;
            }

            ByteRing.Write(Ring, ByteRing.Wrap(_head, _count, _capacity), data.Slice(0, accepted));
            _count += accepted;
            return accepted;
        }

        /// <summary>
        /// Copies held octets starting <paramref name="offset"/> octets after SND.UNA into <paramref name="destination"/>
        /// without removing them (for first transmission and retransmission). Returns the octets copied:
        /// the smaller of the destination length and the octets held past the offset (0 if the offset is at or past the end).
        /// </summary>
        public int Peek(int offset, Span<byte> destination)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ArgumentOutOfRangeException.ThrowIfNegative(offset);
            if (offset >= _count)
            {
                return 0;
            }

            int copied = Math.Min(destination.Length, _count - offset);
            ByteRing.Read(Ring, ByteRing.Wrap(_head, offset, _capacity), destination.Slice(0, copied));
            return copied;
        }

        /// <summary>
        /// Exposes up to <paramref name="length"/> held octets starting <paramref name="offset"/> octets after SND.UNA as
        /// at most two contiguous pieces, so a codec can copy them straight into a frame. Returns the octets exposed.
        /// The pieces are valid until the next <see cref="Enqueue"/>, <see cref="Discard"/> or <see cref="Dispose"/>.
        /// </summary>
        public int GetPieces(int offset, int length, out ReadOnlySpan<byte> first, out ReadOnlySpan<byte> second)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ArgumentOutOfRangeException.ThrowIfNegative(offset);
            ArgumentOutOfRangeException.ThrowIfNegative(length);
            int exposed = offset >= _count ? 0 : Math.Min(length, _count - offset);
            int start = exposed == 0 ? 0 : ByteRing.Wrap(_head, offset, _capacity);
            ByteRing.Pieces(Ring, start, exposed, out first, out second);
            return exposed;
        }

        /// <summary>
        /// Removes <paramref name="count"/> octets from the front because they were acknowledged (SND.UNA advanced).
        /// Returns the octets removed: at most <see cref="Count"/>.
        /// </summary>
        public int Discard(int count)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ArgumentOutOfRangeException.ThrowIfNegative(count);
            int removed = Math.Min(count, _count);
            _count -= removed;
            // Restarting at index 0 when empty keeps later enqueues contiguous; it changes nothing observable.
            _head = _count == 0 ? 0 : ByteRing.Wrap(_head, removed, _capacity);
            return removed;
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
            _count = 0;
            _head = 0;
            // Cleared so the next renter cannot read this connection's data.
            ArrayPool<byte>.Shared.Return(storage, clearArray: true);
        }

        /// <summary>The used part of the storage.</summary>
        private Span<byte> Ring => _storage.AsSpan(0, _capacity);
    }
}
