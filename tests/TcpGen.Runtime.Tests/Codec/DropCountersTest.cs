using System.Threading.Tasks;
using TcpGen.Runtime.Codec;
using Xunit;

namespace TcpGen.Runtime.Tests.Codec
{
    /// <summary>Per-reason drop counters the engine exposes as metrics.</summary>
    public class DropCountersTest
    {
        [Fact]
        public void RecordShouldCountDropsAndIgnoreSuccesses()
        {
            var counters = new DropCounters();

            Assert.True(counters.Record(PacketParseResult.Ok));
            Assert.False(counters.Record(DropReason.BadChecksum));
            Assert.False(counters.Record(DropReason.BadChecksum));
            Assert.False(counters.Record(DropReason.IpFragment));

            Assert.Equal(2, counters[DropReason.BadChecksum]);
            Assert.Equal(1, counters[DropReason.IpFragment]);
            Assert.Equal(0, counters[DropReason.None]);
            Assert.Equal(3, counters.Total);
        }

        [Fact]
        public void CountersShouldBeReadableByName()
        {
            var counters = new DropCounters();
            counters.Increment(DropReason.IllegalOptionLength);

            Assert.True(counters.TryGetValue("IllegalOptionLength", out long count));
            Assert.Equal(1, count);
            Assert.True(counters.TryGetValue(DropReasonNames.Name(DropReason.NotTcp), out count));
            Assert.Equal(0, count);
            Assert.False(counters.TryGetValue("NoSuchReason", out _));
            Assert.False(counters.TryGetValue("None", out _));
        }

        [Fact]
        public void EveryReasonShouldHaveADistinctNameThatParsesBack()
        {
            for (int i = 0; i < DropReasonNames.Count; i++)
            {
                var reason = (DropReason)i;
                Assert.Equal(reason.ToString(), DropReasonNames.Name(reason));
                Assert.True(DropReasonNames.TryParse(DropReasonNames.Name(reason), out DropReason parsed));
                Assert.Equal(reason, parsed);
            }
        }

        [Fact]
        public void OutOfRangeReasonShouldBeIgnored()
        {
            var counters = new DropCounters();
            counters.Increment((DropReason)200);

            Assert.Equal(0, counters.Total);
            Assert.Equal(0, counters[(DropReason)200]);
        }

        [Fact]
        public void ConcurrentIncrementsShouldAllBeCounted()
        {
            var counters = new DropCounters();
            Parallel.For(0, 10000, _ => counters.Increment(DropReason.TruncatedHeader));

            Assert.Equal(10000, counters[DropReason.TruncatedHeader]);
        }

        [Fact]
        public void ResetShouldZeroEveryCounter()
        {
            var counters = new DropCounters();
            counters.Increment(DropReason.NotTcp);
            counters.Increment(DropReason.InvalidAddress);

            counters.Reset();

            Assert.Equal(0, counters.Total);
        }
    }
}
