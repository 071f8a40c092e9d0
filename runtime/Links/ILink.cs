using System;

namespace TcpGen.Runtime.Links
{
    /// <summary>
    /// Moves raw IP packets (IPv4 or IPv6, no link-layer header) between a <see cref="Engine.TcpEngine"/> loop and
    /// something outside: an in-memory peer, a fault injector, a TUN device. One thread receives; sends may come
    /// from that same thread. Implementations never allocate per packet.
    /// </summary>
    public interface ILink : IDisposable
    {
        /// <summary>The largest IP packet the link carries, in bytes.</summary>
        int Mtu { get; }

        /// <summary>Copies the next received packet into <paramref name="destination"/> without blocking; false when none is waiting.</summary>
        bool TryReceive(Span<byte> destination, out int length);

        /// <summary>Hands one packet to the link. A full or closed link drops it, as a wire would; it never throws for that.</summary>
        void Send(ReadOnlySpan<byte> packet);

        /// <summary>
        /// Blocks until a packet may be waiting, <paramref name="timeout"/> passes, or <see cref="Interrupt"/> is called.
        /// True when a packet may be ready (the caller then drains with <see cref="TryReceive"/>).
        /// </summary>
        bool WaitReceivable(TimeSpan timeout);

        /// <summary>Wakes the thread blocked in <see cref="WaitReceivable"/>, e.g. because a user call queued work.</summary>
        void Interrupt();
    }
}
