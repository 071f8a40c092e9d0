using System;
using TcpGen.Runtime.Simulation;
using TcpGen.Runtime.Timers;
using Xunit;

namespace TcpGen.Runtime.Tests.Simulation
{
    public class VirtualClockTest
    {
        [Fact]
        public void ClockShouldStandStillUntilMoved()
        {
            var clock = new VirtualClock(Instant.FromMilliseconds(5));
            Assert.Equal(Instant.FromMilliseconds(5), clock.Now);
            Assert.Equal(Instant.FromMilliseconds(5), clock.Now);

            clock.Advance(250);
            Assert.Equal(5_250, clock.Now.Microseconds);
            clock.AdvanceTo(Instant.FromMilliseconds(9));
            Assert.Equal(9_000, clock.Now.Microseconds);
        }

        [Fact]
        public void MovingBackwardsShouldThrow()
        {
            var clock = new VirtualClock(Instant.FromMilliseconds(10));
            Assert.Throws<ArgumentOutOfRangeException>(() => clock.AdvanceTo(Instant.FromMilliseconds(9)));
            Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(-1));
            Assert.Equal(10_000, clock.Now.Microseconds);
        }
    }
}
