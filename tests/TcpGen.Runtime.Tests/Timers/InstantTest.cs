using System;
using TcpGen.Runtime.Timers;
using Xunit;

namespace TcpGen.Runtime.Tests.Timers
{
    /// <summary>The injected clock value shared by the ISN generator and the timer wheel.</summary>
    public class InstantTest
    {
        [Fact]
        public void ConversionsShouldAgreeOnMicroseconds()
        {
            Assert.Equal(1_500_000, Instant.FromMilliseconds(1500).Microseconds);
            Assert.Equal(Instant.FromMilliseconds(1500), Instant.FromTimeSpan(TimeSpan.FromMilliseconds(1500)));
            Assert.Equal(TimeSpan.FromMilliseconds(1500), Instant.FromMilliseconds(1500).ToTimeSpan());
            Assert.Equal(new Instant(1_000_250), Instant.FromMilliseconds(1000).AddMicroseconds(250));
            Assert.Equal(-250, Instant.FromMilliseconds(1000).MicrosecondsSince(new Instant(1_000_250)));
        }

        [Fact]
        public void ComparisonShouldFollowMicroseconds()
        {
            Instant early = new(10);
            Instant late = new(11);

            Assert.True(early < late);
            Assert.True(late >= early);
            Assert.Equal(early, Instant.Min(late, early));
            Assert.Equal(late, Instant.Max(late, early));
            Assert.True(early.CompareTo(late) < 0);
        }

        [Fact]
        public void OverflowShouldThrowInsteadOfWrapping()
        {
            Assert.Throws<OverflowException>(() => Instant.MaxValue.AddMicroseconds(1));
        }

        [Fact]
        public void ToStringShouldShowSecondsWithMicrosecondDigits()
        {
            Assert.Equal("12.000345s", new Instant(12_000_345).ToString());
            Assert.Equal("-0.000005s", new Instant(-5).ToString());
        }
    }
}
