using CsCheck;
using TcpGen.Runtime.Sequencing;
using Xunit;

namespace TcpGen.Runtime.Tests.Sequencing
{
    /// <summary>RFC 9293 3.4: sequence numbers are compared and added modulo 2^32.</summary>
    public class SeqNumTest
    {
        [Fact]
        public void AdditionPastTwoToThe32ShouldWrap()
        {
            SeqNum last = new(uint.MaxValue);

            Assert.Equal(1u, (last + 2u).Value);
            Assert.Equal(0u, (last + 1).Value);
            Assert.Equal(uint.MaxValue, (new SeqNum(0) - 1u).Value);
            Assert.Equal(uint.MaxValue - 1u, (new SeqNum(1) + (-3)).Value);
        }

        [Fact]
        public void ComparisonAcrossWrapShouldUseSignedDifference()
        {
            SeqNum beforeWrap = new(0xFFFF_FFF0);
            SeqNum afterWrap = new(0x0000_0010);

            Assert.True(beforeWrap < afterWrap);
            Assert.True(afterWrap > beforeWrap);
            Assert.True(beforeWrap <= afterWrap);
            Assert.False(beforeWrap >= afterWrap);
            Assert.Equal(0x20, afterWrap - beforeWrap);
            Assert.Equal(-0x20, beforeWrap - afterWrap);
            Assert.Equal(afterWrap, SeqNum.Max(beforeWrap, afterWrap));
            Assert.Equal(beforeWrap, SeqNum.Min(afterWrap, beforeWrap));
        }

        [Fact]
        public void DistanceFromShouldCountForwardModulo32Bits()
        {
            Assert.Equal(0x20u, new SeqNum(0x10).DistanceFrom(new SeqNum(0xFFFF_FFF0)));
            Assert.Equal(0xFFFF_FFE0u, new SeqNum(0xFFFF_FFF0).DistanceFrom(new SeqNum(0x10)));
        }

        [Fact]
        public void InWindowShouldIncludeStartAndExcludeEndAcrossWrap()
        {
            SeqNum start = new(0xFFFF_FFFE);

            Assert.True(start.InWindow(start, 4));
            Assert.True(new SeqNum(1).InWindow(start, 4));
            Assert.False(new SeqNum(2).InWindow(start, 4));
            Assert.False(new SeqNum(0xFFFF_FFFD).InWindow(start, 4));
        }

        [Fact]
        public void InWindowWithZeroLengthShouldContainNothing()
        {
            SeqNum start = new(42);

            Assert.False(start.InWindow(start, 0));
        }

        [Fact]
        public void InClosedRangeShouldIncludeBothEndsAcrossWrap()
        {
            SeqNum una = new(0xFFFF_FFFF);
            SeqNum nxt = new(5);

            Assert.True(una.InClosedRange(una, nxt));
            Assert.True(nxt.InClosedRange(una, nxt));
            Assert.True(new SeqNum(0).InClosedRange(una, nxt));
            Assert.False(new SeqNum(6).InClosedRange(una, nxt));
            Assert.False(new SeqNum(0xFFFF_FFFE).InClosedRange(una, nxt));
        }

        [Fact]
        public void AdvancingByLessThanHalfTheSpaceShouldCompareGreater()
        {
            Gen.Select(Gen.UInt, Gen.UInt[1, (1u << 31) - 1]).Sample((raw, step) =>
            {
                SeqNum start = new(raw);
                SeqNum later = start + step;

                Assert.True(later > start);
                Assert.True(start < later);
                Assert.Equal((int)step, later - start);
                Assert.Equal(step, later.DistanceFrom(start));
                Assert.Equal(start, later - step);
            }, iter: 1000);
        }
    }
}
