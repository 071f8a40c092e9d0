using System;
using System.Collections.Generic;
using TcpGen.Runtime;

namespace TcpGen.Bench.Transitions
{
    /// <summary>
    /// Checks that the benchmark compares like with like: the hand-written switch and the Stateless baseline return,
    /// for every (state, event) cell, the next state and ordered actions of the generated table; and walking one
    /// connection through the benchmark's event stream ends in the same states whichever implementation steps it.
    /// Run by <c>--verify</c> before benchmarking, and by tests/TcpGen.Tests/Bench.
    /// </summary>
    public static class TransitionAgreement
    {
        /// <summary>Name of the hand-written switch in reports.</summary>
        public const string HandWrittenSwitch = "hand-written switch";

        /// <summary>Name of the Stateless baseline in reports.</summary>
        public const string Stateless = "Stateless";

        /// <summary>Name of the runtime's ConnectionStateMachine in reports.</summary>
        public const string ConnectionStateMachine = "ConnectionStateMachine";

        /// <summary>Every cell where the hand-written switch or the Stateless baseline disagrees with the table; empty when all agree.</summary>
        public static IReadOnlyList<CellDisagreement> CompareCells()
        {
            var stateless = new StatelessBaseline();
            var disagreements = new List<CellDisagreement>();
            disagreements.AddRange(CompareCells(HandWrittenSwitch, HandWrittenTransitions.Next));
            disagreements.AddRange(CompareCells(Stateless, (state, evt) =>
            {
                stateless.Reset(state);
                return stateless.Fire(evt);
            }));
            return disagreements;
        }

        /// <summary>Every cell where <paramref name="next"/> returns something other than the table, named <paramref name="implementation"/>.</summary>
        public static IReadOnlyList<CellDisagreement> CompareCells(string implementation, Func<TcpState, TcpEvent, TcpTransition> next)
        {
            var disagreements = new List<CellDisagreement>();
            for (int s = 0; s < TcpTransitions.StateCount; s++)
            {
                for (int e = 0; e < TcpTransitions.EventCount; e++)
                {
                    var state = (TcpState)s;
                    var evt = (TcpEvent)e;
                    TcpTransition expected = TcpTransitions.Next(state, evt);
                    TcpTransition actual = next(state, evt);
                    if (!actual.Equals(expected))
                    {
                        disagreements.Add(new CellDisagreement(implementation, state, evt, expected, actual));
                    }
                }
            }

            return disagreements;
        }

        /// <summary>
        /// Steps one connection from CLOSED through <paramref name="events"/> with each implementation; returns the
        /// first step where one leaves the table's path, or null when all four stay together.
        /// </summary>
        public static string? CompareWalk(TcpEvent[] events)
        {
            var machine = new ConnectionStateMachine();
            var stateless = new StatelessBaseline();
            TcpState table = TcpTransitions.InitialState;
            TcpState handWritten = TcpTransitions.InitialState;
            stateless.Reset(TcpTransitions.InitialState);
            for (int i = 0; i < events.Length; i++)
            {
                TcpState before = table;
                TcpTransition expected = TcpTransitions.Next(table, events[i]);
                table = expected.Next;
                TcpTransition fromMachine = machine.Fire(events[i]);
                handWritten = HandWrittenTransitions.Next(handWritten, events[i]).Next;
                TcpTransition fromStateless = stateless.Fire(events[i]);
                string? who = !fromMachine.Equals(expected) || machine.State != table ? ConnectionStateMachine
                    : handWritten != table ? HandWrittenSwitch
                    : !fromStateless.Equals(expected) || stateless.State != table ? Stateless
                    : null;
                if (who != null)
                {
                    return $"{who} left the table's path at step {i}: [{TcpTransitions.StateName(before)}, {TcpTransitions.EventName(events[i])}] table {CellDisagreement.Describe(expected)}";
                }
            }

            return null;
        }
    }
}
