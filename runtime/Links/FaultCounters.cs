using System.Threading;

namespace TcpGen.Runtime.Links
{
    /// <summary>What a fault injector did to the packets of one direction. Safe to read from any thread.</summary>
    public sealed class FaultCounters
    {
        /// <summary>Packets offered to the direction.</summary>
        private long _offered;

        /// <summary>Packets handed on (duplicates included).</summary>
        private long _delivered;

        /// <summary>Packets dropped on purpose.</summary>
        private long _lost;

        /// <summary>Packets held back so later ones overtake them.</summary>
        private long _reordered;

        /// <summary>Extra copies made.</summary>
        private long _duplicated;

        /// <summary>Packets with a flipped bit.</summary>
        private long _corrupted;

        /// <summary>Packets dropped because too many were in flight (queue limit) or they exceeded the MTU.</summary>
        private long _overflowed;

        /// <summary>Corrupted packets that reached the receiver (the rest were still in flight), which its checksums must drop.</summary>
        private long _corruptedDelivered;

        /// <summary>Packets offered to this direction.</summary>
        public long Offered => Volatile.Read(ref _offered);

        /// <summary>Packets handed on, duplicates included.</summary>
        public long Delivered => Volatile.Read(ref _delivered);

        /// <summary>Packets dropped by the loss probability.</summary>
        public long Lost => Volatile.Read(ref _lost);

        /// <summary>Packets held back so that later packets overtook them.</summary>
        public long Reordered => Volatile.Read(ref _reordered);

        /// <summary>Extra copies made.</summary>
        public long Duplicated => Volatile.Read(ref _duplicated);

        /// <summary>Packets with one bit flipped.</summary>
        public long Corrupted => Volatile.Read(ref _corrupted);

        /// <summary>Packets dropped because the in-flight queue was full or the packet exceeded the MTU.</summary>
        public long Overflowed => Volatile.Read(ref _overflowed);

        /// <summary>Packets with a flipped bit that were handed on (a subset of <see cref="Delivered"/>).</summary>
        public long CorruptedDelivered => Volatile.Read(ref _corruptedDelivered);

        /// <summary>One line for logs and the sim command.</summary>
        public override string ToString() =>
            $"offered {Offered}, delivered {Delivered}, lost {Lost}, reordered {Reordered}, duplicated {Duplicated}, corrupted {Corrupted} ({CorruptedDelivered} delivered), overflowed {Overflowed}";

        internal void CountOffered() => Interlocked.Increment(ref _offered);

        internal void CountDelivered() => Interlocked.Increment(ref _delivered);

        internal void CountLost() => Interlocked.Increment(ref _lost);

        internal void CountReordered() => Interlocked.Increment(ref _reordered);

        internal void CountDuplicated() => Interlocked.Increment(ref _duplicated);

        internal void CountCorrupted() => Interlocked.Increment(ref _corrupted);

        internal void CountOverflowed() => Interlocked.Increment(ref _overflowed);

        internal void CountCorruptedDelivered() => Interlocked.Increment(ref _corruptedDelivered);
    }
}
