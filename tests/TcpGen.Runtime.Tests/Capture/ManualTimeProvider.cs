using System;

namespace TcpGen.Runtime.Tests.Capture
{
    /// <summary>A clock the test sets by hand, so capture timestamps are known exactly.</summary>
    public sealed class ManualTimeProvider : TimeProvider
    {
        public ManualTimeProvider(DateTimeOffset start) => UtcNow = start;

        /// <summary>The time every reader sees until the test moves it.</summary>
        public DateTimeOffset UtcNow { get; set; }

        public override DateTimeOffset GetUtcNow() => UtcNow;
    }
}
