using CsCheck;
using TcpGen.Runtime.Sequencing;
using Xunit;

namespace TcpGen.Runtime.Tests.Sequencing
{
    /// <summary>RFC 9293 3.10.7.4, Table 6: the four acceptability cases, including windows that wrap at 2^32.</summary>
    public class SegmentAcceptabilityTest
    {
        /// <summary>RCV.NXT 16 octets before the wrap, so a 32-octet window spans 2^32.</summary>
        private static readonly SeqNum RcvNxt = new(0xFFFF_FFF0);

        /// <summary>Window long enough to cross the wrap.</summary>
        private const uint RcvWnd = 32;

        [Theory]
        [InlineData(0, true)]
        [InlineData(1, false)]
        [InlineData(-1, false)]
        public void EmptySegmentWithZeroWindowShouldNeedSeqEqualToRcvNxt(int seqOffset, bool expected)
        {
            Assert.Equal(expected, SegmentAcceptability.IsAcceptable(RcvNxt + seqOffset, 0, RcvNxt, 0));
        }

        [Theory]
        [InlineData(0, true)]
        [InlineData(16, true)]
        [InlineData(31, true)]
        [InlineData(32, false)]
        [InlineData(-1, false)]
        public void EmptySegmentWithOpenWindowShouldNeedSeqInsideWindow(int seqOffset, bool expected)
        {
            Assert.Equal(expected, SegmentAcceptability.IsAcceptable(RcvNxt + seqOffset, 0, RcvNxt, RcvWnd));
        }

        [Theory]
        [InlineData(0)]
        [InlineData(-1)]
        [InlineData(5)]
        public void DataSegmentWithZeroWindowShouldNeverBeAcceptable(int seqOffset)
        {
            Assert.False(SegmentAcceptability.IsAcceptable(RcvNxt + seqOffset, 1, RcvNxt, 0));
        }

        [Theory]
        [InlineData(0, 10, true)]   // starts at RCV.NXT
        [InlineData(20, 5, true)]   // lies after the wrap
        [InlineData(31, 100, true)] // first octet is the window's last
        [InlineData(-5, 10, true)]  // starts before, ends inside (partial retransmission)
        [InlineData(-10, 10, false)] // ends just before RCV.NXT (old duplicate)
        [InlineData(32, 1, false)]  // starts just past the window
        [InlineData(-1, 40, false)] // spans the whole window: neither end inside, rejected as Table 6 is written
        public void DataSegmentWithOpenWindowShouldNeedFirstOrLastOctetInsideWindow(int seqOffset, int length, bool expected)
        {
            Assert.Equal(expected, SegmentAcceptability.IsAcceptable(RcvNxt + seqOffset, (uint)length, RcvNxt, RcvWnd));
        }

        [Fact]
        public void AcceptabilityShouldMatchUnwrappedArithmeticForAnyRcvNxt()
        {
            var gen = Gen.Select(Gen.UInt, Gen.Int[-(1 << 21), 1 << 21], Gen.Int[0, 1 << 20], Gen.Int[0, 1 << 20]);
            gen.Sample((rcvNxt, seqOffset, length, window) =>
            {
                // The same table evaluated on 64-bit offsets from RCV.NXT, where nothing wraps.
                long last = (long)seqOffset + length - 1;
                bool firstInside = seqOffset >= 0 && seqOffset < window;
                bool lastInside = last >= 0 && last < window;
                bool expected = length == 0
                    ? (window == 0 ? seqOffset == 0 : firstInside)
                    : window != 0 && (firstInside || lastInside);

                SeqNum next = new(rcvNxt);
                Assert.Equal(expected, SegmentAcceptability.IsAcceptable(next + seqOffset, (uint)length, next, (uint)window));
            }, iter: 2000);
        }
    }
}
