using System;
using TcpGen.Runtime.Links;

namespace TcpGen.Cli.Demo
{
    /// <summary>An <see cref="ILink"/> decorator that prints every packet it carries, in and out, on the demo timeline.</summary>
    internal sealed class TimelineLink : ILink
    {
        /// <summary>The link that really carries the packets.</summary>
        private readonly ILink _inner;

        /// <summary>Where packets are printed.</summary>
        private readonly DemoTimeline _timeline;

        public TimelineLink(ILink inner, DemoTimeline timeline)
        {
            _inner = inner;
            _timeline = timeline;
        }

        public int Mtu => _inner.Mtu;

        public bool TryReceive(Span<byte> destination, out int length)
        {
            if (!_inner.TryReceive(destination, out length))
            {
                return false;
            }

            _timeline.Segment(destination.Slice(0, length));
            return true;
        }

        public void Send(ReadOnlySpan<byte> packet)
        {
            _timeline.Segment(packet);
            _inner.Send(packet);
        }

        public bool WaitReceivable(TimeSpan timeout) => _inner.WaitReceivable(timeout);

        public void Interrupt() => _inner.Interrupt();

        public void Dispose() => _inner.Dispose();
    }
}
