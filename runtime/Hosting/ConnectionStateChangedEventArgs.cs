using System;
using TcpGen.Runtime.Engine;

namespace TcpGen.Runtime.Hosting
{
    /// <summary>A connection moved from one RFC 9293 state to another.</summary>
    public sealed class ConnectionStateChangedEventArgs : EventArgs
    {
        public ConnectionStateChangedEventArgs(TcpState previous, TcpState current, EndReason endReason)
        {
            Previous = previous;
            Current = current;
            EndReason = endReason;
        }

        /// <summary>The state before the change.</summary>
        public TcpState Previous { get; }

        /// <summary>The state after the change.</summary>
        public TcpState Current { get; }

        /// <summary>How the connection ended, once it has (None while open).</summary>
        public EndReason EndReason { get; }
    }
}
