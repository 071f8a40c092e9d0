using System;

namespace TcpGen.Runtime.Timers
{
    /// <summary>
    /// A point on the engine's injected clock, in microseconds since an arbitrary origin chosen by the caller.
    /// The engine never reads a clock itself: every time-dependent call takes an <see cref="Instant"/>, which keeps
    /// the engine deterministic and testable. Microseconds are fine enough for the RFC 6528 4-microsecond ISN clock
    /// and for RTT samples (RFC 6298), and a <see cref="long"/> of them lasts about 292,000 years.
    /// </summary>
    /// <param name="Microseconds">Microseconds since the caller's origin.</param>
    public readonly record struct Instant(long Microseconds) : IComparable<Instant>
    {
        /// <summary>The origin of the clock.</summary>
        public static Instant Zero => default;

        /// <summary>An instant later than any the engine will see; used as "never".</summary>
        public static Instant MaxValue => new(long.MaxValue);

        /// <summary>Builds an instant from milliseconds since the origin.</summary>
        public static Instant FromMilliseconds(long milliseconds) => new(checked(milliseconds * 1000L));

        /// <summary>Builds an instant from a <see cref="TimeSpan"/> since the origin (100 ns ticks truncated to microseconds).</summary>
        public static Instant FromTimeSpan(TimeSpan sinceOrigin) => new(sinceOrigin.Ticks / TimeSpan.TicksPerMicrosecond);

        /// <summary>This instant moved by <paramref name="microseconds"/> (negative moves back).</summary>
        public Instant AddMicroseconds(long microseconds) => new(checked(Microseconds + microseconds));

        /// <summary>This instant moved by <paramref name="milliseconds"/> (negative moves back).</summary>
        public Instant AddMilliseconds(long milliseconds) => new(checked(Microseconds + checked(milliseconds * 1000L)));

        /// <summary>Microseconds from <paramref name="earlier"/> to this instant (negative if it is in fact later).</summary>
        public long MicrosecondsSince(Instant earlier) => checked(Microseconds - earlier.Microseconds);

        /// <summary>The elapsed time since the origin as a <see cref="TimeSpan"/>.</summary>
        public TimeSpan ToTimeSpan() => TimeSpan.FromTicks(checked(Microseconds * TimeSpan.TicksPerMicrosecond));

        /// <inheritdoc />
        public int CompareTo(Instant other) => Microseconds.CompareTo(other.Microseconds);

        /// <summary>True if <paramref name="left"/> is earlier than <paramref name="right"/>.</summary>
        public static bool operator <(Instant left, Instant right) => left.Microseconds < right.Microseconds;

        /// <summary>True if <paramref name="left"/> is later than <paramref name="right"/>.</summary>
        public static bool operator >(Instant left, Instant right) => left.Microseconds > right.Microseconds;

        /// <summary>True if <paramref name="left"/> is not later than <paramref name="right"/>.</summary>
        public static bool operator <=(Instant left, Instant right) => left.Microseconds <= right.Microseconds;

        /// <summary>True if <paramref name="left"/> is not earlier than <paramref name="right"/>.</summary>
        public static bool operator >=(Instant left, Instant right) => left.Microseconds >= right.Microseconds;

        /// <summary>Earlier of two instants.</summary>
        public static Instant Min(Instant left, Instant right) => left <= right ? left : right;

        /// <summary>Later of two instants.</summary>
        public static Instant Max(Instant left, Instant right) => left >= right ? left : right;

        /// <summary>Readable form for logs and test failures, e.g. "12.345678s".</summary>
        public override string ToString()
        {
            long seconds = Math.DivRem(Microseconds, 1_000_000L, out long fraction);
            string sign = Microseconds < 0 ? "-" : string.Empty;
            return FormattableString.Invariant($"{sign}{Math.Abs(seconds)}.{Math.Abs(fraction):D6}s");
        }
    }
}
