using System.Collections.Generic;
using TcpGen.Runtime;
using TcpGen.Runtime.Engine;

namespace TcpGen.Cli.Demo
{
    /// <summary>Prints the table steps of one stack that change a connection's state (steps that stay are left out).</summary>
    internal sealed class TimelineTransitionObserver : ITcpTransitionObserver
    {
        /// <summary>Which stack this is ("client", "server").</summary>
        private readonly string _side;

        /// <summary>Where transitions are printed.</summary>
        private readonly DemoTimeline _timeline;

        /// <summary>The first passive open of this stack: printed as the listener, apart from the connections it spawns.</summary>
        private ConnectionHandle _listener = ConnectionHandle.None;

        public TimelineTransitionObserver(string side, DemoTimeline timeline)
        {
            _side = side;
            _timeline = timeline;
        }

        public void OnTransition(ConnectionHandle connection, TcpState from, TcpEvent evt, TcpTransition transition)
        {
            if (transition.Next == from)
            {
                return;
            }

            if (from == TcpState.Closed && evt == TcpEvent.OpenPassive)
            {
                if (_listener.IsValid)
                {
                    // A connection spawned by the listener starts from the listener's LISTEN; its own passive open
                    // step would only repeat the listener's line.
                    return;
                }

                _listener = connection;
            }

            string who = connection == _listener ? _side + " listener" : _side;
            _timeline.Transition(who, from, evt, transition.Next);
        }
    }
}
