using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Running;
using TcpGen.Bench.Transitions;

namespace TcpGen.Bench
{
    /// <summary>
    /// Entry point. Always checks first that the table, the hand-written switch and the Stateless baseline agree on
    /// every (state, event) cell (exit 1 and the disagreeing cells otherwise); <c>--verify</c> stops after that
    /// check. Every other argument goes to BenchmarkDotNet (e.g. <c>--filter '*'</c>, <c>--job short</c>).
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (!Verify())
            {
                return 1;
            }

            if (args.Contains("--verify"))
            {
                return 0;
            }

            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, BenchmarkConfig.Create());
            return 0;
        }

        /// <summary>Prints the outcome of <see cref="TransitionAgreement"/>; false when any cell or walk step disagrees.</summary>
        private static bool Verify()
        {
            IReadOnlyList<CellDisagreement> cells = TransitionAgreement.CompareCells();
            string? walk = TransitionAgreement.CompareWalk(new TransitionWorkload().Events);
            foreach (CellDisagreement cell in cells)
            {
                Console.Error.WriteLine(cell);
            }

            if (walk != null)
            {
                Console.Error.WriteLine(walk);
            }

            if (cells.Count > 0 || walk != null)
            {
                Console.Error.WriteLine($"verify: {cells.Count} disagreeing cell(s); fix bench/TcpGen.Bench/Transitions before benchmarking.");
                return false;
            }

            int cellCount = TcpGen.Runtime.TcpTransitions.StateCount * TcpGen.Runtime.TcpTransitions.EventCount;
            Console.WriteLine($"verify: table, hand-written switch and Stateless agree on all {cellCount} cells and on a {TransitionWorkload.Length}-event walk.");
            return true;
        }
    }
}
