using System;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;

namespace TcpGen.Runtime.Hosting
{
    /// <summary>How a <see cref="TcpStack"/> is set up.</summary>
    public sealed class TcpStackOptions
    {
        /// <summary>The stack's own IP address on its link (the source of everything it sends).</summary>
        public IpAddress LocalAddress { get; set; }

        /// <summary>Options of the engine the stack runs.</summary>
        public TcpEngineOptions Engine { get; set; } = new();

        /// <summary>The clock the loop reads; the system clock by default.</summary>
        public TimeProvider Time { get; set; } = TimeProvider.System;

        /// <summary>Names the stack in metrics (the "stack" tag) and in the loop thread's name.</summary>
        public string Name { get; set; } = "tcpgen";

        /// <summary>The RFC 6528 ISN secret; a fresh random one when null.</summary>
        public byte[]? IsnSecret { get; set; }

        /// <summary>Unread received bytes buffered per connection before the stack stops reading from the engine (flow control then closes the window).</summary>
        public int ReceiveBufferThreshold { get; set; } = 1024 * 1024;

        /// <summary>Unsent bytes buffered per connection before writers wait.</summary>
        public int SendBufferThreshold { get; set; } = 1024 * 1024;

        /// <summary>First port used for outgoing connections.</summary>
        public ushort EphemeralPortFirst { get; set; } = 49152;

        /// <summary>Last port used for outgoing connections.</summary>
        public ushort EphemeralPortLast { get; set; } = 65535;

        /// <summary>Whether disposing the stack disposes its link.</summary>
        public bool OwnsLink { get; set; } = true;

        /// <summary>Sees every table step of every connection, on the loop thread (timelines, logs); null for none.</summary>
        public Engine.ITcpTransitionObserver? TransitionObserver { get; set; }
    }
}
