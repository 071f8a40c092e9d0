namespace TcpGen.Runtime
{
    /// <summary>
    /// The single place where a connection's state changes: it looks the (state, event) cell up in the
    /// generated table and returns the transition whose actions the engine then runs in order.
    /// </summary>
    public struct ConnectionStateMachine
    {
        /// <summary>Why it exists: the one field the table is allowed to write.</summary>
        private TcpState _state;

        /// <summary>Starts in the DSL's initial state (CLOSED).</summary>
        public ConnectionStateMachine()
        {
            _state = TcpTransitions.InitialState;
        }

        /// <summary>The current state.</summary>
        public readonly TcpState State => _state;

        /// <summary>The state as RFC 9293 names it (both SYN-RECEIVED variants report SYN-RECEIVED).</summary>
        public readonly string RfcName => TcpTransitions.RfcStateName(_state);

        /// <summary>Applies one event and returns the transition, whose actions the caller runs in order.</summary>
        public TcpTransition Fire(TcpEvent evt)
        {
            TcpTransition transition = TcpTransitions.Next(_state, evt);
            _state = transition.Next;
            return transition;
        }
    }
}
