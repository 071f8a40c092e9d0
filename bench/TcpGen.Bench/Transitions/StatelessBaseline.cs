using Stateless;
using TcpGen.Runtime;

namespace TcpGen.Bench.Transitions
{
    /// <summary>
    /// The same machine as the generated table, configured in Stateless by iterating the table's cells: a state
    /// change becomes <c>Permit</c>, a stay with actions an <c>InternalTransition</c>, a stay without actions
    /// <c>Ignore</c>. It is the library baseline of the benchmark, not an oracle (the independent oracle is the
    /// hand-written RFC diagram in tests/TcpGen.Tests/Oracle). The state lives in a field outside the machine so a
    /// benchmark can place it in any state before each <see cref="Fire"/>.
    /// </summary>
    public sealed class StatelessBaseline
    {
        /// <summary>External state storage: Stateless reads and writes the machine's state through it.</summary>
        private TcpState _state;

        /// <summary>The packed actions of the cell the last <see cref="Fire"/> went through, set by Stateless callbacks.</summary>
        private ulong _lastActions;

        /// <summary>The Stateless machine under test.</summary>
        private readonly StateMachine<TcpState, TcpEvent> _machine;

        /// <summary>Configures every (state, event) cell of the generated table.</summary>
        public StatelessBaseline()
        {
            _machine = new StateMachine<TcpState, TcpEvent>(() => _state, next => _state = next);
            ulong[] actionsByCell = new ulong[TcpTransitions.StateCount * TcpTransitions.EventCount];
            for (int s = 0; s < TcpTransitions.StateCount; s++)
            {
                var state = (TcpState)s;
                StateMachine<TcpState, TcpEvent>.StateConfiguration configuration = _machine.Configure(state);
                for (int e = 0; e < TcpTransitions.EventCount; e++)
                {
                    var evt = (TcpEvent)e;
                    TcpTransition cell = TcpTransitions.Next(state, evt);
                    ulong actions = cell.Packed >> 8;
                    actionsByCell[(s * TcpTransitions.EventCount) + e] = actions;
                    if (cell.Next != state)
                    {
                        configuration.Permit(evt, cell.Next);
                    }
                    else if (actions == 0)
                    {
                        configuration.Ignore(evt);
                    }
                    else
                    {
                        configuration.InternalTransition(evt, () => _lastActions = actions);
                    }
                }
            }

            // A Permit carries no action of its own; the cell's actions are recorded when the transition completes.
            _machine.OnTransitioned(t => _lastActions = actionsByCell[((int)t.Source * TcpTransitions.EventCount) + (int)t.Trigger]);
        }

        /// <summary>The current state.</summary>
        public TcpState State => _state;

        /// <summary>Places the machine in <paramref name="state"/> (benchmark setup, not a transition).</summary>
        public void Reset(TcpState state) => _state = state;

        /// <summary>Fires one event and returns the transition in the table's packed layout.</summary>
        public TcpTransition Fire(TcpEvent evt)
        {
            _lastActions = 0;
            _machine.Fire(evt);
            return new TcpTransition((byte)_state | (_lastActions << 8));
        }
    }
}
