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

        public TimelineTransitionObserver(string side, DemoTimeline timeline)
        {
            _side = side;
            _timeline = timeline;
        }

        public void OnTransition(ConnectionHandle connection, TcpState from, TcpEvent evt, TcpTransition transition)
        {
            if (transition.Next != from)
            {
                _timeline.Transition(_side, from, evt, transition.Next);
            }
        }
    }
}
