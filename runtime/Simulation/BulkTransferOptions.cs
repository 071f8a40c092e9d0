using System;
using TcpGen.Runtime.Engine;
using TcpGen.Runtime.Links;

namespace TcpGen.Runtime.Simulation
{
    /// <summary>What a <see cref="BulkTransfer"/> runs: how much data each way, over which faults, from which seed.</summary>
    public sealed class BulkTransferOptions
    {
        /// <summary>Bytes sent in each direction.</summary>
        public long BytesPerDirection { get; set; } = 1024 * 1024;

        /// <summary>Faults applied to both directions (each direction draws its own random stream).</summary>
        public FaultProfile Faults { get; set; } = FaultProfile.None;

        /// <summary>Seed of the faults, the data and the engines' ISN secrets.</summary>
        public ulong Seed { get; set; } = 1;

        /// <summary>Options for both engines; null for the defaults.</summary>
        public TcpEngineOptions? EngineOptions { get; set; }

        /// <summary>Virtual time after which the run is declared failed.</summary>
        public TimeSpan TimeLimit { get; set; } = TimeSpan.FromHours(1);

        /// <summary>Driver iterations after which the run is declared failed (a guard against a livelock).</summary>
        public long MaxSteps { get; set; } = 200_000_000;
    }
}
