using System;
using TcpGen.Runtime.Links;
using TcpGen.Runtime.Simulation;

namespace TcpGen.Cli.Sim
{
    /// <summary>One <c>tcpgen sim</c> run, as validated from the command line.</summary>
    /// <param name="Bytes">Bytes sent in each direction.</param>
    /// <param name="Loss">Loss probability per packet, each direction.</param>
    /// <param name="Reorder">Reordering probability.</param>
    /// <param name="Duplicate">Duplication probability.</param>
    /// <param name="Corrupt">Corruption (one flipped bit) probability.</param>
    /// <param name="Delay">One-way delay.</param>
    /// <param name="Seed">Seed of the faults, the content and the ISN secrets.</param>
    public sealed record SimSettings(long Bytes, double Loss, double Reorder, double Duplicate, double Corrupt, TimeSpan Delay, ulong Seed)
    {
        /// <summary>The fault profile both directions use.</summary>
        public FaultProfile Faults => new()
        {
            Loss = Loss,
            Reorder = Reorder,
            Duplicate = Duplicate,
            Corrupt = Corrupt,
            Delay = Delay,
        };

        /// <summary>The simulation's options for this run.</summary>
        public BulkTransferOptions ToOptions() => new()
        {
            BytesPerDirection = Bytes,
            Seed = Seed,
            Faults = Faults,

            // Generous: a lossy gigabyte needs simulated hours; the step limit guards against a livelock instead.
            TimeLimit = TimeSpan.FromHours(24),
        };
    }
}
