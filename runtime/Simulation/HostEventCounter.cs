using TcpGen.Runtime.Engine;

namespace TcpGen.Runtime.Simulation
{
    /// <summary>
    /// Counts table steps of one simulated engine that its MIB counters do not: retransmission timeouts that fired
    /// (RTOs) and unacceptable segments (RFC 9293 3.10.7.4 first check). Installed as the engine's transition observer.
    /// </summary>
    public sealed class HostEventCounter : ITcpTransitionObserver
    {
        /// <summary>RETRANSMIT-TIMEOUT steps that ran actions (an RTO that retransmitted or probed), ignored cells excluded.</summary>
        public long RetransmissionTimeouts { get; private set; }

        /// <summary>RCV-UNACCEPTABLE steps: segments outside the receive window (old duplicates, mostly), answered with an ACK.</summary>
        public long UnacceptableSegments { get; private set; }

        /// <summary>Every table step taken.</summary>
        public long Steps { get; private set; }

        /// <inheritdoc />
        public void OnTransition(ConnectionHandle connection, TcpState from, TcpEvent evt, TcpTransition transition)
        {
            Steps++;
            if (evt == TcpEvent.RetransmitTimeout && transition.ActionCount > 0)
            {
                RetransmissionTimeouts++;
            }
            else if (evt == TcpEvent.RcvUnacceptable)
            {
                UnacceptableSegments++;
            }
        }
    }
}
