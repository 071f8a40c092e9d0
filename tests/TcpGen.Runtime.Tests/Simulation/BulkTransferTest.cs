using System;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Links;
using TcpGen.Runtime.Simulation;
using Xunit;
using static TcpGen.Runtime.Tests.Simulation.SimulationProfiles;

namespace TcpGen.Runtime.Tests.Simulation
{
    /// <summary>Two engines sending to each other at once over the simulated wire, in virtual time.</summary>
    public class BulkTransferTest
    {
        /// <summary>64 MiB, the size issue #3 asks for in each direction.</summary>
        private const long SixtyFourMebibytes = 64L * 1024 * 1024;

        [Fact]
        public void CleanWireShouldDeliverBothDirectionsWithoutRetransmission()
        {
            BulkTransferResult result = BulkTransfer.Run(Options(1_000_000, seed: 1, FaultProfile.None));

            Assert.True(result.Succeeded, Describe(result));
            Assert.Equal(1_000_000, result.AToB.BytesReceived);
            Assert.Equal(1_000_000, result.BToA.BytesReceived);
            Assert.Equal(result.AToB.SentSha256, result.AToB.ReceivedSha256);
            Assert.Equal(result.BToA.SentSha256, result.BToA.ReceivedSha256);
            Assert.Equal(0, Retransmissions(result));
            Assert.Equal(0, AllDrops(result));
            Assert.Equal(0, result.EventsA.RetransmissionTimeouts + result.EventsB.RetransmissionTimeouts);
            Assert.Equal(0, result.SentByA.DuplicateAcks + result.SentByB.DuplicateAcks);
            Assert.True(result.SentByA.DataSegments >= 1_000_000 / 1460, result.SentByA.ToString());
        }

        [Fact]
        public void EmptyTransferShouldStillOpenAndCloseBothSides()
        {
            BulkTransferResult result = BulkTransfer.Run(Options(0, seed: 2, FaultProfile.None));

            Assert.True(result.Succeeded, Describe(result));
            Assert.Equal(0, result.AToB.BytesReceived);
            Assert.Equal(0, result.BToA.BytesReceived);
            Assert.Equal(1, result.CountersA.PassiveOpens);
            Assert.Equal(1, result.CountersB.ActiveOpens);
        }

        [Fact]
        public void DelayedWireShouldTakeVirtualTimeNotWallTime()
        {
            var faults = new FaultProfile { Delay = TimeSpan.FromSeconds(2) };
            BulkTransferResult result = BulkTransfer.Run(Options(10_000, seed: 3, faults));

            Assert.True(result.Succeeded, Describe(result));

            // Handshake, data and both FINs need several 4 s round trips of simulated time; the wall clock sees none of them.
            Assert.True(result.VirtualDuration >= TimeSpan.FromSeconds(8), result.VirtualDuration.ToString());
            Assert.True(result.WallDuration < result.VirtualDuration, result.WallDuration.ToString());
        }

        [Fact]
        public void CorruptedPacketsShouldBeDroppedByChecksumAndCounted()
        {
            var faults = new FaultProfile { Corrupt = 0.02, Delay = TimeSpan.FromMilliseconds(1) };
            BulkTransferResult result = BulkTransfer.Run(Options(2_000_000, seed: 4, faults));

            Assert.True(result.Succeeded, Describe(result));
            long corrupted = CorruptedDelivered(result);
            Assert.True(corrupted > 20, Describe(result));

            // A flipped bit in the IP header fails its checksum (or the version, length checks); anywhere else the TCP
            // checksum (MUST-3). Each damaged packet that arrived is one named drop, and nothing else was dropped.
            Assert.Equal(corrupted, AllDrops(result));
            Assert.True(Drops(result, DropReason.BadChecksum) > 0, Describe(result));
        }

        /// <summary>
        /// Issue #3's bar: 64 MiB each way at once, byte-identical (SHA-256), through 5% loss, 5% reordering, 1%
        /// duplication and 0.1% corruption. Runs in virtual time (about three simulated minutes, seconds of wall time).
        /// </summary>
        [Theory]
        [InlineData(1UL)]
        [InlineData(2UL)]
        [InlineData(3UL)]
        [InlineData(4UL)]
        [InlineData(5UL)]
        [Trait("Requirement", "MUST-3")]
        [Trait("Requirement", "MUST-19")]
        public void SixtyFourMebibytesBothWaysShouldArriveIdenticalThroughAFaultyWire(ulong seed)
        {
            BulkTransferResult result = BulkTransfer.Run(Options(SixtyFourMebibytes, seed, IssueBar));

            Assert.True(result.Succeeded, Describe(result));
            Assert.Equal(SixtyFourMebibytes, result.AToB.BytesReceived);
            Assert.Equal(SixtyFourMebibytes, result.BToA.BytesReceived);
            Assert.Equal(result.AToB.SentSha256, result.AToB.ReceivedSha256);
            Assert.Equal(result.BToA.SentSha256, result.BToA.ReceivedSha256);

            // Every fault actually happened, in both directions.
            foreach (FaultCounters wire in new[] { result.FaultsAToB, result.FaultsBToA })
            {
                Assert.True(wire.Lost > 0 && wire.Reordered > 0 && wire.Duplicated > 0 && wire.Corrupted > 0, wire.ToString());
            }

            Assert.True(Retransmissions(result) > 0, Describe(result));
            Assert.True(result.EventsA.RetransmissionTimeouts > 0 && result.EventsB.RetransmissionTimeouts > 0, Describe(result));
            Assert.True(result.SentByA.DuplicateAcks > 0 && result.SentByB.DuplicateAcks > 0, Describe(result));
            Assert.Equal(CorruptedDelivered(result), AllDrops(result));
        }

        [Theory]
        [InlineData(1UL)]
        [InlineData(2UL)]
        [InlineData(3UL)]
        [Trait("Requirement", "MUST-19")]
        public void LossAtTheIssueBarShouldBeRepairedMostlyByFastRetransmitNotTimeouts(ulong seed)
        {
            BulkTransferResult result = BulkTransfer.Run(Options(4L * 1024 * 1024, seed, IssueBar));

            Assert.True(result.Succeeded, Describe(result));
            foreach (TcpGen.Runtime.Engine.TcpCounters counters in new[] { result.CountersA, result.CountersB })
            {
                // Each out-of-order segment draws its own duplicate ACK and limited transmit keeps them coming, so
                // most losses are found after three duplicates within a round trip, not after a 200 ms timeout.
                Assert.True(counters.DuplicateAcksReceived > 0, Describe(result));
                Assert.True(counters.FastRetransmits > 3 * counters.RetransmissionTimeouts, $"fast retransmits {counters.FastRetransmits}, RTOs {counters.RetransmissionTimeouts}");
            }

            // The engine's RTO counter agrees with the table steps the observer saw.
            Assert.Equal(result.EventsA.RetransmissionTimeouts, result.CountersA.RetransmissionTimeouts);
            Assert.Equal(result.EventsB.RetransmissionTimeouts, result.CountersB.RetransmissionTimeouts);
        }
    }
}
