using System;
using System.Collections.Generic;
using TcpGen.Runtime.Links;

namespace TcpGen.Integration.Tests.Infrastructure
{
    /// <summary>A test double link: packets to receive are queued by the test, sent packets are recorded.</summary>
    internal sealed class QueueLink : ILink
    {
        /// <summary>Packets TryReceive hands out, in order.</summary>
        public Queue<byte[]> Incoming { get; } = new();

        /// <summary>Packets passed to Send, in order.</summary>
        public List<byte[]> Sent { get; } = new();

        /// <inheritdoc />
        public int Mtu => 1500;

        /// <inheritdoc />
        public bool TryReceive(Span<byte> destination, out int length)
        {
            length = 0;
            if (!Incoming.TryDequeue(out byte[]? packet))
            {
                return false;
            }

            packet.CopyTo(destination);
            length = packet.Length;
            return true;
        }

        /// <inheritdoc />
        public void Send(ReadOnlySpan<byte> packet) => Sent.Add(packet.ToArray());

        /// <inheritdoc />
        public bool WaitReceivable(TimeSpan timeout) => Incoming.Count > 0;

        /// <inheritdoc />
        public void Interrupt()
        {
        }

        /// <inheritdoc />
        public void Dispose()
        {
        }
    }
}
