using System;
using TcpGen.Runtime.Engine;

namespace TcpGen.Runtime.Hosting
{
    /// <summary>An ICMP error about the connection arrived (MUST-54, SHLD-25). It is advice: the connection goes on (MUST-56).</summary>
    public sealed class IcmpErrorEventArgs : EventArgs
    {
        public IcmpErrorEventArgs(IcmpError error)
        {
            Error = error;
        }

        /// <summary>The ICMP (or ICMPv6) type and code.</summary>
        public IcmpError Error { get; }
    }
}
