using System;

namespace TcpGen.Runtime.Timers
{
    /// <summary>
    /// Names one scheduled timer of a <see cref="TimerWheel"/>. The generation makes a handle go stale once its
    /// timer fires or is cancelled, even if the wheel reuses the node: cancelling a stale handle does nothing.
    /// The default value is <see cref="None"/>, which never names a timer.
    /// </summary>
    public readonly struct TimerHandle : IEquatable<TimerHandle>
    {
        /// <summary>Why it exists: position of the timer's node in the wheel's pool.</summary>
        internal readonly int Index;

        /// <summary>Why it exists: the node's generation when scheduled; never 0 for a real timer.</summary>
        internal readonly int Generation;

        /// <summary>Built only by the wheel.</summary>
        internal TimerHandle(int index, int generation)
        {
            Index = index;
            Generation = generation;
        }

        /// <summary>A handle that names no timer.</summary>
        public static TimerHandle None => default;

        /// <summary>True for <see cref="None"/>.</summary>
        public bool IsNone => Generation == 0;

        /// <summary>Same node, same generation.</summary>
        public static bool operator ==(TimerHandle left, TimerHandle right) => left.Equals(right);

        /// <summary>Different node or generation.</summary>
        public static bool operator !=(TimerHandle left, TimerHandle right) => !left.Equals(right);

        /// <inheritdoc />
        public bool Equals(TimerHandle other) => Index == other.Index && Generation == other.Generation;

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is TimerHandle other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode() => HashCode.Combine(Index, Generation);

        /// <summary>For logs: "timer#index.generation".</summary>
        public override string ToString() => FormattableString.Invariant($"timer#{Index}.{Generation}");
    }
}
