using System;

namespace TcpGen.Runtime.Engine
{
    /// <summary>
    /// Packets built at once because nothing will be left to build them from later: resets for segments that reach
    /// no connection (RFC 9293 3.10.7.1) and the reset of an aborted connection whose TCB is deleted. Fixed-size
    /// slots in one array, used as a ring; it doubles only when full, so steady state allocates nothing.
    /// </summary>
    internal sealed class ControlPacketQueue
    {
        /// <summary>Room for a header-only packet: IPv6 (40) plus TCP with full options (60), rounded up.</summary>
        public const int SlotSize = 128;

        /// <summary>The slots, back to back.</summary>
        private byte[] _storage;

        /// <summary>Packet length per slot.</summary>
        private int[] _lengths;

        /// <summary>Slot of the oldest packet.</summary>
        private int _head;

        /// <summary>Packets held.</summary>
        private int _count;

        /// <summary>Preallocates <paramref name="capacity"/> slots.</summary>
        public ControlPacketQueue(int capacity)
        {
            _storage = new byte[capacity * SlotSize];
            _lengths = new int[capacity];
        }

        /// <summary>Packets waiting.</summary>
        public int Count => _count;

        /// <summary>The slot to build the next packet into; call <see cref="Commit"/> with its length.</summary>
        public Span<byte> NextSlot()
        {
            if (_count == _lengths.Length)
            {
                Grow();
            }

            int slot = (_head + _count) % _lengths.Length;
            return _storage.AsSpan(slot * SlotSize, SlotSize);
        }

        /// <summary>Adds the packet just built in <see cref="NextSlot"/>.</summary>
        public void Commit(int length)
        {
            int slot = (_head + _count) % _lengths.Length;
            _lengths[slot] = length;
            _count++;
        }

        /// <summary>Copies the oldest packet out; false when empty or <paramref name="destination"/> is too small.</summary>
        public bool TryDequeue(Span<byte> destination, out int length)
        {
            length = 0;
            if (_count == 0 || destination.Length < _lengths[_head])
            {
                return false;
            }

            length = _lengths[_head];
            _storage.AsSpan(_head * SlotSize, length).CopyTo(destination);
            _head = (_head + 1) % _lengths.Length;
            _count--;
            return true;
        }

        /// <summary>Doubles the slot count, keeping order.</summary>
        private void Grow()
        {
            int capacity = _lengths.Length;
            var storage = new byte[capacity * 2 * SlotSize];
            var lengths = new int[capacity * 2];
            for (int i = 0; i < _count; i++)
            {
                int slot = (_head + i) % capacity;
                _storage.AsSpan(slot * SlotSize, SlotSize).CopyTo(storage.AsSpan(i * SlotSize));
                lengths[i] = _lengths[slot];
            }

            _storage = storage;
            _lengths = lengths;
            _head = 0;
        }
    }
}
