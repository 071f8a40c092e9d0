using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Links;
using TcpGen.Runtime.Simulation;
using Xunit;
using static TcpGen.Runtime.Tests.Simulation.SimulationProfiles;

namespace TcpGen.Runtime.Tests.Simulation
{
    /// <summary>A run is a pure function of its options and seed: a failing seed replays exactly.</summary>
    public class DeterminismTest
    {
        private const long Bytes = 2_000_000;

        [Theory]
        [InlineData(7UL)]
        [InlineData(8UL)]
        public void SameSeedShouldGiveTheSameTraceAndCounters(ulong seed)
        {
            BulkTransferResult first = BulkTransfer.Run(Options(Bytes, seed, IssueBar));
            BulkTransferResult second = BulkTransfer.Run(Options(Bytes, seed, IssueBar));

            Assert.True(first.Succeeded, Describe(first));
            Assert.Equal(first.TraceDigest, second.TraceDigest);
            Assert.Equal(first.PacketsSent, second.PacketsSent);
            Assert.Equal(first.Steps, second.Steps);
            Assert.Equal(first.VirtualDuration, second.VirtualDuration);
            Assert.Equal(first.AToB, second.AToB);
            Assert.Equal(first.BToA, second.BToA);
            Assert.Equal(first.FaultsAToB.ToString(), second.FaultsAToB.ToString());
            Assert.Equal(first.FaultsBToA.ToString(), second.FaultsBToA.ToString());
            Assert.Equal(first.CountersA.SegmentsSent, second.CountersA.SegmentsSent);
            Assert.Equal(first.CountersB.SegmentsReceived, second.CountersB.SegmentsReceived);
            Assert.Equal(first.CountersA.Retransmissions, second.CountersA.Retransmissions);
            Assert.Equal(first.CountersB.Retransmissions, second.CountersB.Retransmissions);
            Assert.Equal(Drops(first, DropReason.BadChecksum), Drops(second, DropReason.BadChecksum));
            Assert.Equal(first.FinalStateA, second.FinalStateA);
            Assert.Equal(first.FinalStateB, second.FinalStateB);
        }

        [Fact]
        public void DifferentSeedsShouldGiveDifferentTracesButTheSameOutcome()
        {
            BulkTransferResult first = BulkTransfer.Run(Options(Bytes, 21, IssueBar));
            BulkTransferResult second = BulkTransfer.Run(Options(Bytes, 22, IssueBar));

            Assert.True(first.Succeeded, Describe(first));
            Assert.True(second.Succeeded, Describe(second));
            Assert.NotEqual(first.TraceDigest, second.TraceDigest);
            Assert.NotEqual(first.AToB.SentSha256, second.AToB.SentSha256);
        }

        [Fact]
        public void ChangingOnlyTheFaultsShouldKeepTheContent()
        {
            BulkTransferResult clean = BulkTransfer.Run(Options(100_000, 9, FaultProfile.None));
            BulkTransferResult faulty = BulkTransfer.Run(Options(100_000, 9, IssueBar));

            // The content derives from the seed alone, so the same bytes arrive whatever the wire did to them.
            Assert.Equal(clean.AToB.ReceivedSha256, faulty.AToB.ReceivedSha256);
            Assert.Equal(clean.BToA.ReceivedSha256, faulty.BToA.ReceivedSha256);
            Assert.NotEqual(clean.TraceDigest, faulty.TraceDigest);
        }
    }
}
