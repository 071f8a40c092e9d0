using System;
using TcpGen.Runtime.Timers;

namespace TcpGen.Runtime.Simulation
{
    /// <summary>
    /// Simulated time: it stands still until the driver moves it to the next event, so a simulated minute of TCP
    /// costs only the work of its events and every run with the same seed sees the same instants.
    /// </summary>
    public sealed class VirtualClock
    {
        public VirtualClock(Instant start = default)
        {
            Now = start;
        }

        /// <summary>The current simulated instant.</summary>
        public Instant Now { get; private set; }

        /// <summary>Moves the clock forward to <paramref name="instant"/>; moving backwards is a bug and throws.</summary>
        public void AdvanceTo(Instant instant)
        {
            if (instant < Now)
            {
                throw new ArgumentOutOfRangeException(nameof(instant), $"virtual time cannot go back from {Now} to {instant}");
            }

            Now = instant;
        }

        /// <summary>Moves the clock forward by <paramref name="microseconds"/>.</summary>
        public void Advance(long microseconds)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(microseconds);
            Now = Now.AddMicroseconds(microseconds);
        }
    }
}
