using System.Collections.Generic;
using System.Linq;
using CsCheck;
using TcpGen.Runtime;
using Xunit;

namespace TcpGen.Tests.Oracle
{
    /// <summary>
    /// Property-based walks: random event sequences from CLOSED run through the generated table
    /// (<see cref="ConnectionStateMachine"/>) and the RFC 9293 oracle side by side.
    /// </summary>
    public class RandomWalkTest
    {
        // Enough walks to visit every state many times; each walk is at most 64 events.
        private const int Walks = 2000;

        // One random walk: event numbers, each a defined TcpEvent.
        private static readonly Gen<int[]> EventSequences = Gen.Int[0, TcpTransitions.EventCount - 1].Array[1, 64];

        // For each state, whether the table can lead from it back to CLOSED (computed once by BFS).
        private static readonly bool[] LeadsBackToClosed = ComputeLeadsBackToClosed();

        [Fact]
        public void RandomWalksShouldKeepTableAndOracleInTheSameState()
        {
            EventSequences.Sample(events =>
            {
                var table = new ConnectionStateMachine();
                var oracle = RfcStateDiagram.Create(table.State);
                for (int step = 0; step < events.Length; step++)
                {
                    var evt = (TcpEvent)events[step];
                    TcpState before = table.State;
                    table.Fire(evt);
                    oracle.Fire(evt);
                    if (table.State == oracle.State)
                    {
                        continue;
                    }

                    // A deliberate departure: follow the table and keep comparing from there.
                    Assert.True(
                        KnownDifferences.Contains(before, evt, DifferenceKind.NextState),
                        $"Step {step}: [{TcpTransitions.StateName(before)}, {TcpTransitions.EventName(evt)}] table -> {TcpTransitions.StateName(table.State)}, RFC oracle -> {TcpTransitions.StateName(oracle.State)}");
                    oracle = RfcStateDiagram.Create(table.State);
                }
            }, iter: Walks, print: Print);
        }

        [Fact]
        public void EveryStateARandomWalkReachesShouldLeadBackToClosed()
        {
            EventSequences.Sample(events =>
            {
                var table = new ConnectionStateMachine();
                for (int step = 0; step < events.Length; step++)
                {
                    table.Fire((TcpEvent)events[step]);
                    Assert.True(
                        LeadsBackToClosed[(int)table.State],
                        $"Step {step}: {TcpTransitions.StateName(table.State)} has no path back to CLOSED in the table");
                }
            }, iter: Walks, print: Print);
        }

        [Fact]
        public void RandomWalksShouldReachEveryState()
        {
            // Guards the two properties above: walks that never left CLOSED would prove nothing.
            var reached = new bool[TcpTransitions.StateCount];
            EventSequences.Sample(events =>
            {
                var table = new ConnectionStateMachine();
                foreach (int evt in events)
                {
                    table.Fire((TcpEvent)evt);
                    lock (reached)
                    {
                        reached[(int)table.State] = true;
                    }
                }
            }, iter: Walks, print: Print);

            var missing = Enumerable.Range(0, TcpTransitions.StateCount).Where(s => !reached[s]).Select(s => TcpTransitions.StateName((TcpState)s));
            Assert.Empty(missing);
        }

        private static bool[] ComputeLeadsBackToClosed()
        {
            // Reverse BFS from CLOSED over the table's edges: a state qualifies if some event leads to a qualifying state.
            var leads = new bool[TcpTransitions.StateCount];
            leads[(int)TcpState.Closed] = true;
            var queue = new Queue<TcpState>();
            queue.Enqueue(TcpState.Closed);
            while (queue.Count > 0)
            {
                TcpState target = queue.Dequeue();
                for (int s = 0; s < TcpTransitions.StateCount; s++)
                {
                    if (leads[s])
                    {
                        continue;
                    }

                    for (int e = 0; e < TcpTransitions.EventCount; e++)
                    {
                        if (TcpTransitions.Next((TcpState)s, (TcpEvent)e).Next == target)
                        {
                            leads[s] = true;
                            queue.Enqueue((TcpState)s);
                            break;
                        }
                    }
                }
            }

            return leads;
        }

        private static string Print(int[] events) =>
            string.Join(", ", events.Select(e => TcpTransitions.EventName((TcpEvent)e)));
    }
}
