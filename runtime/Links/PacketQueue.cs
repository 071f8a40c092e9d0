using System;
using System.Threading;

namespace TcpGen.Runtime.Links
{
    /// <summary>
    /// A bounded FIFO of IP packets stored in one preallocated slab of fixed-size slots, so enqueueing and dequeueing
    /// copy bytes but never allocate. Safe for one producer and one consumer on different threads (a short lock
    /// guards the indices; the copy into a slot happens under it, which is cheap next to a packet's processing).
    /// </summary>
    public sealed class PacketQueue
    {
        /// <summary>All slots back to back: slot i is bytes [i * slot size, (i + 1) * slot size).</summary>
        private readonly byte[] _slab;

        /// <summary>The length of the packet held in each slot.</summary>
        private readonly int[] _lengths;

        /// <summary>Bytes per slot: the largest packet the queue accepts.</summary>
        private readonly int _slotSize;

        /// <summary>Guards <see cref="_head"/> and <see cref="_count"/> between producer and consumer.</summary>
        private readonly Lock _gate = new();

        /// <summary>Index of the oldest packet.</summary>
        private int _head;

        /// <summary>Packets currently queued.</summary>
        private int _count;

        /// <param name="capacity">How many packets the queue holds before <see cref="TryEnqueue"/> refuses.</param>
        /// <param name="maxPacketSize">The largest packet accepted, in bytes.</param>
        public PacketQueue(int capacity, int maxPacketSize)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
            ArgumentOutOfRangeException.ThrowIfLessThan(maxPacketSize, 1);
            _slotSize = maxPacketSize;
            _slab = new byte[checked(capacity * maxPacketSize)];
            _lengths = new int[capacity];
        }

        /// <summary>How many packets the queue holds at most.</summary>
        public int Capacity => _lengths.Length;

        /// <summary>The largest packet accepted.</summary>
        public int MaxPacketSize => _slotSize;

        /// <summary>Packets waiting (a snapshot: the other side may change it right after).</summary>
        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _count;
                }
            }
        }

        /// <summary>Copies <paramref name="packet"/> in; false (nothing stored) when the queue is full or the packet is too big or empty.</summary>
        public bool TryEnqueue(ReadOnlySpan<byte> packet)
        {
            if (packet.Length == 0 || packet.Length > _slotSize)
            {
                return false;
            }

            lock (_gate)
            {
                if (_count == _lengths.Length)
                {
                    return false;
                }

                int slot = _head + _count;
                if (slot >= _lengths.Length)
                {
                    slot -= _lengths.Length;
                }

                packet.CopyTo(_slab.AsSpan(slot * _slotSize, _slotSize));
                _lengths[slot] = packet.Length;
                _count++;
                return true;
            }
        }

        /// <summary>
        /// Copies the oldest packet into <paramref name="destination"/> and removes it; false when empty. A packet
        /// longer than <paramref name="destination"/> is truncated to fit, as a receive into a short buffer would be.
        /// </summary>
        public bool TryDequeue(Span<byte> destination, out int length)
        {
            lock (_gate)
            {
                if (_count == 0)
                {
                    length = 0;
                    return false;
                }

                int slot = _head;
                length = Math.Min(_lengths[slot], destination.Length);
                _slab.AsSpan(slot * _slotSize, length).CopyTo(destination);
                _head = slot + 1 == _lengths.Length ? 0 : slot + 1;
                _count--;
                return true;
            }
        }

        /// <summary>Discards every queued packet.</summary>
        public void Clear()
        {
            lock (_gate)
            {
                _head = 0;
                _count = 0;
            }
        }
    }
}
