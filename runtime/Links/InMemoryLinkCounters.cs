using System.Threading;

namespace TcpGen.Runtime.Links
{
    /// <summary>What one end of an <see cref="InMemoryLink"/> pair did. Safe to read from any thread.</summary>
    public sealed class InMemoryLinkCounters
    {
        /// <summary>Packets accepted by the peer's queue.</summary>
        private long _sent;

        /// <summary>Packets handed to the receiver.</summary>
        private long _received;

        /// <summary>Packets lost because the peer's queue was full, the link closed, or the packet exceeded the MTU.</summary>
        private long _dropped;

        /// <summary>Packets this end sent that the peer's queue accepted.</summary>
        public long Sent => Volatile.Read(ref _sent);

        /// <summary>Packets this end received.</summary>
        public long Received => Volatile.Read(ref _received);

        /// <summary>Packets this end tried to send that were lost (queue full, closed, oversize).</summary>
        public long Dropped => Volatile.Read(ref _dropped);

        internal void CountSent() => Interlocked.Increment(ref _sent);

        internal void CountReceived() => Interlocked.Increment(ref _received);

        internal void CountDropped() => Interlocked.Increment(ref _dropped);
    }
}
