using System;
using TcpGen.Runtime.Links;

namespace TcpGen.Runtime.Capture
{
    /// <summary>
    /// An <see cref="ILink"/> decorator that records every packet received from and sent to the inner link into a
    /// <see cref="PcapWriter"/>, stamped by <see cref="TimeProvider"/> (the system clock unless a test injects a
    /// virtual one). It changes nothing on the wire and allocates nothing per packet. Disposing it disposes the
    /// inner link and flushes the writer; the writer belongs to the caller, so several links can share one file.
    /// </summary>
    public sealed class CapturingLink : ILink
    {
        /// <summary>The link that really moves the packets.</summary>
        private readonly ILink _inner;

        /// <summary>Where every packet in and out is recorded.</summary>
        private readonly PcapWriter _writer;

        /// <summary>Stamps each record; injected so simulations write their virtual time.</summary>
        private readonly TimeProvider _clock;

        /// <summary>Wraps <paramref name="inner"/>; packets are stamped by <paramref name="clock"/> (default: the system clock).</summary>
        public CapturingLink(ILink inner, PcapWriter writer, TimeProvider? clock = null)
        {
            ArgumentNullException.ThrowIfNull(inner);
            ArgumentNullException.ThrowIfNull(writer);
            _inner = inner;
            _writer = writer;
            _clock = clock ?? TimeProvider.System;
        }

        /// <inheritdoc />
        public int Mtu => _inner.Mtu;

        /// <inheritdoc />
        public bool TryReceive(Span<byte> destination, out int length)
        {
            if (!_inner.TryReceive(destination, out length))
            {
                return false;
            }

            _writer.Write(destination.Slice(0, length), _clock.GetUtcNow());
            return true;
        }

        /// <inheritdoc />
        public void Send(ReadOnlySpan<byte> packet)
        {
            _writer.Write(packet, _clock.GetUtcNow());
            _inner.Send(packet);
        }

        /// <inheritdoc />
        public bool WaitReceivable(TimeSpan timeout) => _inner.WaitReceivable(timeout);

        /// <inheritdoc />
        public void Interrupt() => _inner.Interrupt();

        /// <inheritdoc />
        public void Dispose()
        {
            _inner.Dispose();
            _writer.Flush();
        }
    }
}
