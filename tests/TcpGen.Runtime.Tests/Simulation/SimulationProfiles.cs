using System;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using TcpGen.Runtime.Links;
using TcpGen.Runtime.Simulation;

namespace TcpGen.Runtime.Tests.Simulation
{
    /// <summary>Fault profiles and result helpers shared by the simulation tests.</summary>
    internal static class SimulationProfiles
    {
        /// <summary>The bar of issue #3: 5% loss, 5% reordering, 1% duplication, 0.1% corruption, 5 ms one way.</summary>
        public static FaultProfile IssueBar { get; } = new()
        {
            Loss = 0.05,
            Reorder = 0.05,
            Duplicate = 0.01,
            Corrupt = 0.001,
            Delay = TimeSpan.FromMilliseconds(5),
        };

        /// <summary>Drops both engines counted under <paramref name="reason"/>.</summary>
        public static long Drops(BulkTransferResult result, DropReason reason) =>
            result.CountersA.Drops[reason] + result.CountersB.Drops[reason];

        /// <summary>Every drop both engines counted, whatever the reason.</summary>
        public static long AllDrops(BulkTransferResult result)
        {
            long total = 0;
            for (int reason = 1; reason < DropReasonNames.Count; reason++)
            {
                total += Drops(result, (DropReason)reason);
            }

            return total;
        }

        /// <summary>Corrupted packets that reached an engine, both directions.</summary>
        public static long CorruptedDelivered(BulkTransferResult result) =>
            result.FaultsAToB.CorruptedDelivered + result.FaultsBToA.CorruptedDelivered;

        /// <summary>A one-line account of a run for assertion messages.</summary>
        public static string Describe(BulkTransferResult result) =>
            $"{result.Outcome} {result.Failure} A={result.FinalStateA} B={result.FinalStateB} virtual={result.VirtualDuration} " +
            $"A->B {result.AToB.BytesReceived}/{result.AToB.BytesSent} B->A {result.BToA.BytesReceived}/{result.BToA.BytesSent} " +
            $"retransmissions {result.CountersA.Retransmissions}+{result.CountersB.Retransmissions}; wire A->B: {result.FaultsAToB}; B->A: {result.FaultsBToA}";

        /// <summary>Total retransmissions of both engines.</summary>
        public static long Retransmissions(BulkTransferResult result) => result.CountersA.Retransmissions + result.CountersB.Retransmissions;

        /// <summary>Options for a run of <paramref name="bytes"/> each way.</summary>
        public static BulkTransferOptions Options(long bytes, ulong seed, FaultProfile faults, TcpEngineOptions? engine = null) => new()
        {
            BytesPerDirection = bytes,
            Seed = seed,
            Faults = faults,
            EngineOptions = engine,
        };
    }
}
