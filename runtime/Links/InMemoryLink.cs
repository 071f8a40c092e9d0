using System;
using System.Threading;

namespace TcpGen.Runtime.Links
{
    /// <summary>
    /// One end of a connected pair of in-process links: what one end sends, the other receives, in order, through a
    /// bounded <see cref="PacketQueue"/> (a full queue drops, as a congested wire would). Nothing is allocated per
    /// packet. Create a pair with <see cref="CreatePair"/>.
    /// </summary>
    public sealed class InMemoryLink : ILink
    {
        /// <summary>The default MTU, Ethernet's.</summary>
        public const int DefaultMtu = 1500;

        /// <summary>The default queue depth per direction, in packets.</summary>
        public const int DefaultQueueCapacity = 1024;

        /// <summary>Packets sent by the peer, waiting for this end to receive them.</summary>
        private readonly PacketQueue _inbound;

        /// <summary>Set when a packet arrives or <see cref="Interrupt"/> is called; the receiver blocks on it.</summary>
        private readonly ManualResetEventSlim _wakeUp = new(false);

        /// <summary>The other end, whose inbound queue our sends go to; set once by <see cref="CreatePair"/>.</summary>
        private InMemoryLink? _peer;

        /// <summary>1 once disposed: sends are dropped and waits return at once.</summary>
        private int _disposed;

        private InMemoryLink(int mtu, int queueCapacity)
        {
            Mtu = mtu;
            _inbound = new PacketQueue(queueCapacity, mtu);
        }

        /// <inheritdoc />
        public int Mtu { get; }

        /// <summary>What this end sent, received and dropped.</summary>
        public InMemoryLinkCounters Counters { get; } = new();

        /// <summary>Creates two connected ends with the given MTU and per-direction queue depth.</summary>
        public static (InMemoryLink First, InMemoryLink Second) CreatePair(int mtu = DefaultMtu, int queueCapacity = DefaultQueueCapacity)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(mtu, 68);
            var first = new InMemoryLink(mtu, queueCapacity);
            var second = new InMemoryLink(mtu, queueCapacity);
            first._peer = second;
            second._peer = first;
            return (first, second);
        }

        /// <inheritdoc />
        public bool TryReceive(Span<byte> destination, out int length)
        {
            if (_inbound.TryDequeue(destination, out length))
            {
                Counters.CountReceived();
                return true;
            }

            return false;
        }

        /// <inheritdoc />
        public void Send(ReadOnlySpan<byte> packet)
        {
            InMemoryLink? peer = _peer;
            if (Volatile.Read(ref _disposed) != 0 || peer is null || !peer.Accept(packet))
            {
                Counters.CountDropped();
                return;
            }

            Counters.CountSent();
        }

        /// <inheritdoc />
        public bool WaitReceivable(TimeSpan timeout)
        {
            if (_inbound.Count > 0)
            {
                return true;
            }

            if (Volatile.Read(ref _disposed) != 0)
            {
                return false;
            }

            _wakeUp.Wait(timeout);

            // Reset after the wait: a signal raised after this point stays set for the next wait, and the caller
            // re-checks every source of work after we return, so none is lost.
            _wakeUp.Reset();
            return _inbound.Count > 0;
        }

        /// <inheritdoc />
        public void Interrupt()
        {
            if (Volatile.Read(ref _disposed) == 0)
            {
                _wakeUp.Set();
            }
        }

        /// <summary>Closes this end: later sends from either end toward it are dropped, and queued packets are discarded.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            _inbound.Clear();
            _wakeUp.Set();
        }

        /// <summary>Called by the peer's <see cref="Send"/>: queues the packet here and wakes our receiver.</summary>
        private bool Accept(ReadOnlySpan<byte> packet)
        {
            if (Volatile.Read(ref _disposed) != 0 || !_inbound.TryEnqueue(packet))
            {
                return false;
            }

            _wakeUp.Set();
            return true;
        }
    }
}
