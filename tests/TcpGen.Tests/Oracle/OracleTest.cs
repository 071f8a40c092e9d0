using System;
using System.Collections.Generic;
using System.Text;
using TcpGen.Runtime;
using Xunit;

namespace TcpGen.Tests.Oracle
{
    /// <summary>
    /// Compares every (state, event) cell of the generated table with the hand-written RFC 9293 oracle
    /// (<see cref="RfcStateDiagram"/>): next state and ignore-versus-act.
    /// </summary>
    public class OracleTest
    {
        [Fact]
        public void EveryCellShouldBeConfiguredInTheOracle()
        {
            var problems = new StringBuilder();
            foreach (var (state, evt) in AllCells())
            {
                OracleCell cell = RfcStateDiagram.Describe(state, evt);
                if (cell.Configurations != 1)
                {
                    problems.AppendLine($"  [{Name(state)}, {Name(evt)}] is configured {cell.Configurations} times");
                    continue;
                }

                // Stateless throws InvalidOperationException on an unconfigured trigger.
                var oracle = RfcStateDiagram.Create(state);
                try
                {
                    oracle.Fire(evt);
                }
                catch (InvalidOperationException e)
                {
                    problems.AppendLine($"  [{Name(state)}, {Name(evt)}] cannot fire: {e.Message}");
                    continue;
                }

                // The companion description must say what firing does, or the ignore/act test would compare noise.
                if (oracle.State != cell.Next)
                {
                    problems.AppendLine($"  [{Name(state)}, {Name(evt)}] fires to {Name(oracle.State)} but is described as {Name(cell.Next)}");
                }
            }

            Assert.True(problems.Length == 0, "Oracle cells not configured exactly once:\n" + problems);
        }

        [Fact]
        public void EveryCellShouldAgreeWithTheRfcDiagram()
        {
            var mismatches = new StringBuilder();
            foreach (var (state, evt) in AllCells())
            {
                TcpState table = TcpTransitions.Next(state, evt).Next;
                TcpState oracle = OracleNext(state, evt);
                if (table != oracle && !KnownDifferences.Contains(state, evt, DifferenceKind.NextState))
                {
                    mismatches.AppendLine($"  [{Name(state)}, {Name(evt)}] table says {Name(table)}, RFC oracle says {Name(oracle)}");
                }
            }

            Assert.True(mismatches.Length == 0, "Next state differs from RFC 9293 in cells not listed in KnownDifferences:\n" + mismatches);
        }

        [Fact]
        public void EveryCellShouldAgreeWithTheRfcOnIgnoreVersusAct()
        {
            var mismatches = new StringBuilder();
            foreach (var (state, evt) in AllCells())
            {
                bool tableActs = TableActs(state, evt);
                bool oracleActs = RfcStateDiagram.Describe(state, evt).Acts;
                bool sameNext = TcpTransitions.Next(state, evt).Next == OracleNext(state, evt);

                // A different next state is reported by the next-state test; here only same-state cells count.
                if (sameNext && tableActs != oracleActs && !KnownDifferences.Contains(state, evt, DifferenceKind.IgnoreVersusAct))
                {
                    mismatches.AppendLine($"  [{Name(state)}, {Name(evt)}] table {Verb(tableActs)}, RFC oracle {Verb(oracleActs)}");
                }
            }

            Assert.True(mismatches.Length == 0, "Ignore-versus-act differs from RFC 9293 in cells not listed in KnownDifferences:\n" + mismatches);
        }

        [Fact]
        public void KnownDifferencesShouldStillDiffer()
        {
            var stale = new StringBuilder();
            var seen = new HashSet<(TcpState, TcpEvent, DifferenceKind)>();
            foreach (var difference in KnownDifferences.All)
            {
                var (state, evt) = (difference.State, difference.Event);
                if (!seen.Add((state, evt, difference.Kind)))
                {
                    stale.AppendLine($"  [{Name(state)}, {Name(evt)}] is listed twice as {difference.Kind}");
                }

                if (string.IsNullOrWhiteSpace(difference.Reason) || !difference.Reason.Contains("RFC", StringComparison.Ordinal))
                {
                    stale.AppendLine($"  [{Name(state)}, {Name(evt)}] gives no RFC-cited reason");
                }

                bool sameNext = TcpTransitions.Next(state, evt).Next == OracleNext(state, evt);
                bool sameAct = TableActs(state, evt) == RfcStateDiagram.Describe(state, evt).Acts;
                bool stillDiffers = difference.Kind == DifferenceKind.NextState ? !sameNext : sameNext && !sameAct;
                if (!stillDiffers)
                {
                    stale.AppendLine($"  [{Name(state)}, {Name(evt)}] no longer differs as {difference.Kind}: remove it from KnownDifferences");
                }
            }

            Assert.True(stale.Length == 0, "Stale KnownDifferences entries:\n" + stale);
        }

        /// <summary>Every (state, event) pair of the generated enums.</summary>
        internal static IEnumerable<(TcpState State, TcpEvent Event)> AllCells()
        {
            for (int s = 0; s < TcpTransitions.StateCount; s++)
            {
                for (int e = 0; e < TcpTransitions.EventCount; e++)
                {
                    yield return ((TcpState)s, (TcpEvent)e);
                }
            }
        }

        /// <summary>The table ignores a cell when it keeps the state and runs no action.</summary>
        internal static bool TableActs(TcpState state, TcpEvent evt)
        {
            TcpTransition transition = TcpTransitions.Next(state, evt);
            return transition.Next != state || transition.ActionCount != 0;
        }

        private static TcpState OracleNext(TcpState state, TcpEvent evt)
        {
            var oracle = RfcStateDiagram.Create(state);
            oracle.Fire(evt);
            return oracle.State;
        }

        private static string Name(TcpState state) => TcpTransitions.StateName(state);

        private static string Name(TcpEvent evt) => TcpTransitions.EventName(evt);

        private static string Verb(bool acts) => acts ? "acts" : "ignores";
    }
}
