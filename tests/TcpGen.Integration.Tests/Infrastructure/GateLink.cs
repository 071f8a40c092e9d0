using System;
using System.Collections.Generic;
using System.Threading;
using TcpGen.Runtime.Links;

namespace TcpGen.Integration.Tests.Infrastructure
{
    /// <summary>
    /// A link decorator whose outbound side can be held shut: while closed, packets TcpGen sends are kept (in order)
    /// instead of reaching the kernel; opening releases them. Lets a test make both FINs cross on the wire.
    /// </summary>
    internal sealed class GateLink : ILink
    {
        /// <summary>The link that moves the packets.</summary>
        private readonly ILink _inner;

        /// <summary>Packets held while the gate is closed, oldest first; guarded by itself.</summary>
        private readonly Queue<byte[]> _held = new();

        /// <summary>True while sends are held.</summary>
        private bool _closed;

        /// <summary>Wraps <paramref name="inner"/>; disposing the gate does not dispose it.</summary>
        public GateLink(ILink inner)
        {
            _inner = inner;
        }

        /// <summary>Packets held right now.</summary>
        public int HeldCount
        {
            get
            {
                lock (_held)
                {
                    return _held.Count;
                }
            }
        }

        /// <summary>From now on, hold what TcpGen sends.</summary>
        public void Close()
        {
            lock (_held)
            {
                _closed = true;
            }
        }

        /// <summary>Sends everything held, in order, and lets later packets through.</summary>
        public void Open()
        {
            lock (_held)
            {
                _closed = false;
                while (_held.TryDequeue(out byte[]? packet))
                {
                    _inner.Send(packet);
                }
            }
        }

        /// <inheritdoc />
        public int Mtu => _inner.Mtu;

        /// <inheritdoc />
        public bool TryReceive(Span<byte> destination, out int length) => _inner.TryReceive(destination, out length);

        /// <inheritdoc />
        public void Send(ReadOnlySpan<byte> packet)
        {
            lock (_held)
            {
                if (_closed)
                {
                    _held.Enqueue(packet.ToArray());
                    return;
                }

                _inner.Send(packet);
            }
        }

        /// <inheritdoc />
        public bool WaitReceivable(TimeSpan timeout) => _inner.WaitReceivable(timeout);

        /// <inheritdoc />
        public void Interrupt() => _inner.Interrupt();

        /// <inheritdoc />
        public void Dispose()
        {
        }
    }
}
