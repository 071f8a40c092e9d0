using System;

namespace TcpGen.Runtime.Tests.Links
{
    /// <summary>A clock that moves only when the test says so, so delay tests need no real waiting.</summary>
    public sealed class ManualTimeProvider : TimeProvider
    {
        /// <summary>Current time in microsecond ticks.</summary>
        private long _microseconds;

        public override long TimestampFrequency => 1_000_000;

        public override long GetTimestamp() => _microseconds;

        public void Advance(TimeSpan by) => _microseconds += by.Ticks / TimeSpan.TicksPerMicrosecond;
    }
}
