using System;
using System.Collections.Generic;

namespace TcpGen.Runtime.Links
{
    /// <summary>
    /// Packets waiting for their delivery time, handed out earliest first (ties in the order they were added).
    /// Packet buffers are allocated the first time the line grows to a given depth and reused afterwards, so steady
    /// state allocates nothing. Not thread-safe (its owner locks).
    /// </summary>
    public sealed class DelayLine
    {
        /// <summary>Buffers by slot; a null entry has never been needed yet.</summary>
        private readonly byte[]?[] _buffers;

        /// <summary>Packet length per slot.</summary>
        private readonly int[] _lengths;

        /// <summary>Whether the packet in a slot had a bit flipped, so deliveries of damaged packets can be counted.</summary>
        private readonly bool[] _corrupted;

        /// <summary>Slots not holding a packet, used as a stack.</summary>
        private readonly int[] _freeSlots;

        /// <summary>Occupied slots by (delivery time in microseconds, arrival order): the order key keeps equal times FIFO.</summary>
        private readonly PriorityQueue<int, (long Due, long Order)> _schedule;

        /// <summary>Bytes per buffer: the largest packet accepted.</summary>
        private readonly int _maxPacketSize;

        /// <summary>How many entries of <see cref="_freeSlots"/> are valid.</summary>
        private int _freeCount;

        /// <summary>Increments per added packet, to break delivery-time ties in arrival order.</summary>
        private long _order;

        public DelayLine(int capacity, int maxPacketSize)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
            ArgumentOutOfRangeException.ThrowIfLessThan(maxPacketSize, 1);
            _maxPacketSize = maxPacketSize;
            _buffers = new byte[]?[capacity];
            _lengths = new int[capacity];
            _corrupted = new bool[capacity];
            _freeSlots = new int[capacity];
            for (int i = 0; i < capacity; i++)
            {
                _freeSlots[i] = capacity - 1 - i;
            }

            _freeCount = capacity;
            _schedule = new PriorityQueue<int, (long, long)>(capacity);
        }

        /// <summary>Packets waiting.</summary>
        public int Count => _schedule.Count;

        /// <summary>The earliest delivery time in microseconds, or <see cref="long.MaxValue"/> when empty.</summary>
        public long NextDue => _schedule.TryPeek(out _, out (long Due, long Order) key) ? key.Due : long.MaxValue;

        /// <summary>
        /// Stores a copy of <paramref name="packet"/> for delivery at <paramref name="dueMicroseconds"/>, with bit
        /// <paramref name="flipBit"/> inverted when it is not negative. False when full or the packet is too big.
        /// </summary>
        public bool TryAdd(ReadOnlySpan<byte> packet, long dueMicroseconds, long flipBit = -1)
        {
            if (_freeCount == 0 || packet.Length > _maxPacketSize)
            {
                return false;
            }

            int slot = _freeSlots[--_freeCount];
            byte[] buffer = _buffers[slot] ??= new byte[_maxPacketSize];
            packet.CopyTo(buffer);
            bool flip = flipBit >= 0 && flipBit < packet.Length * 8L;
            if (flip)
            {
                buffer[flipBit >> 3] ^= (byte)(1 << (int)(flipBit & 7));
            }

            _corrupted[slot] = flip;

            _lengths[slot] = packet.Length;
            _schedule.Enqueue(slot, (dueMicroseconds, _order++));
            return true;
        }

        /// <summary>Copies out and removes the earliest packet if it is due at <paramref name="nowMicroseconds"/>; false otherwise.</summary>
        public bool TryTakeDue(long nowMicroseconds, Span<byte> destination, out int length) =>
            TryTakeDue(nowMicroseconds, destination, out length, out _);

        /// <summary>As <see cref="TryTakeDue(long, Span{byte}, out int)"/>, also telling whether the packet had a bit flipped.</summary>
        public bool TryTakeDue(long nowMicroseconds, Span<byte> destination, out int length, out bool corrupted)
        {
            if (!_schedule.TryPeek(out int slot, out (long Due, long Order) key) || key.Due > nowMicroseconds)
            {
                length = 0;
                corrupted = false;
                return false;
            }

            corrupted = _corrupted[slot];

            _schedule.Dequeue();
            length = Math.Min(_lengths[slot], destination.Length);
            _buffers[slot].AsSpan(0, length).CopyTo(destination);
            _freeSlots[_freeCount++] = slot;
            return true;
        }

        /// <summary>Drops every waiting packet (buffers are kept for reuse).</summary>
        public void Clear()
        {
            while (_schedule.TryDequeue(out int slot, out _))
            {
                _freeSlots[_freeCount++] = slot;
            }
        }
    }
}
