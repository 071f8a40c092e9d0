using System;
using System.Collections.Generic;
using TcpGen.Runtime.Links;

namespace TcpGen.Runtime.Tests.Capture
{
    /// <summary>
    /// Two in-memory <see cref="ILink"/> ends joined back to back: what one sends, the other receives, in order.
    /// Just enough of a link for the capture tests (single-threaded, no faults).
    /// </summary>
    public sealed class TestLinkPair
    {
        public TestLinkPair(int mtu = 1500)
        {
            var aToB = new Queue<byte[]>();
            var bToA = new Queue<byte[]>();
            A = new End(mtu, inbox: bToA, outbox: aToB);
            B = new End(mtu, inbox: aToB, outbox: bToA);
        }

        /// <summary>One end.</summary>
        public End A { get; }

        /// <summary>The other end.</summary>
        public End B { get; }

        /// <summary>One end of the pair.</summary>
        public sealed class End : ILink
        {
            /// <summary>Packets sent by the other end, oldest first.</summary>
            private readonly Queue<byte[]> _inbox;

            /// <summary>Packets this end sent, for the other end.</summary>
            private readonly Queue<byte[]> _outbox;

            internal End(int mtu, Queue<byte[]> inbox, Queue<byte[]> outbox)
            {
                Mtu = mtu;
                _inbox = inbox;
                _outbox = outbox;
            }

            public int Mtu { get; }

            /// <summary>Packets waiting to be received here.</summary>
            public int Pending => _inbox.Count;

            public bool TryReceive(Span<byte> destination, out int length)
            {
                length = 0;
                if (_inbox.Count == 0 || _inbox.Peek().Length > destination.Length)
                {
                    return false;
                }

                byte[] packet = _inbox.Dequeue();
                packet.CopyTo(destination);
                length = packet.Length;
                return true;
            }

            public void Send(ReadOnlySpan<byte> packet)
            {
                if (packet.Length <= Mtu)
                {
                    _outbox.Enqueue(packet.ToArray());
                }
            }

            public bool WaitReceivable(TimeSpan timeout) => _inbox.Count > 0;

            public void Interrupt()
            {
            }

            public void Dispose()
            {
            }
        }
    }
}
