using System;

namespace TcpGen.Runtime.Links
{
    /// <summary>
    /// A decorator in front of any <see cref="ILink"/> that impairs traffic in real time, in either direction: packets
    /// we send (outbound) and packets we receive (inbound) each pass a seeded <see cref="FaultyPath"/> that drops,
    /// reorders, duplicates, corrupts and delays them. It stands in for netem where the kernel has none (issue 4 §2,
    /// in front of the TUN link). It needs no thread of its own: delayed packets are released by the calls the
    /// stack's loop already makes (<see cref="WaitReceivable"/> waits no longer than the next release).
    /// With the same seed and the same packets at the same times, it makes the same decisions.
    /// </summary>
    public sealed class FaultInjectingLink : ILink
    {
        /// <summary>The link being impaired.</summary>
        private readonly ILink _inner;

        /// <summary>Faults on packets we send, toward the inner link.</summary>
        private readonly FaultyPath _outbound;

        /// <summary>Faults on packets the inner link received, before we hand them up.</summary>
        private readonly FaultyPath _inbound;

        /// <summary>The wall clock that schedules delayed packets (a fake one in tests).</summary>
        private readonly TimeProvider _time;

        /// <summary>Timestamp of construction: times are microseconds since then.</summary>
        private readonly long _origin;

        /// <summary>Receives from the inner link before the inbound faults apply.</summary>
        private readonly byte[] _pullBuffer;

        /// <summary>Moves due outbound packets to the inner link.</summary>
        private readonly byte[] _flushBuffer;

        /// <summary>Guards <see cref="_flushBuffer"/> should a sender thread and the receiving thread flush at once.</summary>
        private readonly System.Threading.Lock _flushGate = new();

        /// <summary>Whether disposing this link disposes the inner one.</summary>
        private readonly bool _ownsInner;

        /// <param name="inner">The link to impair.</param>
        /// <param name="outbound">Faults on packets sent through this link.</param>
        /// <param name="inbound">Faults on packets received through this link.</param>
        /// <param name="seed">Seed of every fault decision (each direction draws from its own stream derived from it).</param>
        /// <param name="time">Clock for delays; the system clock when null.</param>
        /// <param name="ownsInner">Dispose <paramref name="inner"/> with this link.</param>
        public FaultInjectingLink(ILink inner, FaultProfile outbound, FaultProfile inbound, ulong seed, TimeProvider? time = null, bool ownsInner = true)
        {
            ArgumentNullException.ThrowIfNull(inner);
            _inner = inner;
            _outbound = new FaultyPath(outbound, FaultRandom.DeriveSeed(seed, 1), inner.Mtu);
            _inbound = new FaultyPath(inbound, FaultRandom.DeriveSeed(seed, 2), inner.Mtu);
            _time = time ?? TimeProvider.System;
            _origin = _time.GetTimestamp();
            _pullBuffer = new byte[inner.Mtu];
            _flushBuffer = new byte[inner.Mtu];
            _ownsInner = ownsInner;
        }

        /// <inheritdoc />
        public int Mtu => _inner.Mtu;

        /// <summary>What happened to packets we sent.</summary>
        public FaultCounters OutboundCounters => _outbound.Counters;

        /// <summary>What happened to packets we received.</summary>
        public FaultCounters InboundCounters => _inbound.Counters;

        /// <inheritdoc />
        public void Send(ReadOnlySpan<byte> packet)
        {
            long now = Now();
            _outbound.Offer(packet, now);
            FlushOutbound(now);
        }

        /// <inheritdoc />
        public bool TryReceive(Span<byte> destination, out int length)
        {
            long now = Now();
            FlushOutbound(now);
            PullInbound(now);
            return _inbound.TryTakeDue(now, destination, out length);
        }

        /// <inheritdoc />
        public bool WaitReceivable(TimeSpan timeout)
        {
            long now = Now();
            FlushOutbound(now);
            if (_inbound.NextDue <= now)
            {
                return true;
            }

            // Wake up in time to release the next delayed packet in either direction.
            long nextDue = Math.Min(_inbound.NextDue, _outbound.NextDue);
            TimeSpan wait = timeout;
            if (nextDue != long.MaxValue)
            {
                TimeSpan untilDue = TimeSpan.FromTicks(Math.Max(0, nextDue - now) * TimeSpan.TicksPerMicrosecond);
                if (timeout < TimeSpan.Zero || untilDue < timeout)
                {
                    wait = untilDue;
                }
            }

            bool innerReady = _inner.WaitReceivable(wait);
            now = Now();
            FlushOutbound(now);
            if (innerReady)
            {
                PullInbound(now);
            }

            return _inbound.NextDue <= now;
        }

        /// <inheritdoc />
        public void Interrupt() => _inner.Interrupt();

        /// <summary>Drops packets still held back, and disposes the inner link if this link owns it.</summary>
        public void Dispose()
        {
            _outbound.Clear();
            _inbound.Clear();
            if (_ownsInner)
            {
                _inner.Dispose();
            }
        }

        /// <summary>Microseconds since construction on the injected clock.</summary>
        private long Now() => _time.GetElapsedTime(_origin).Ticks / TimeSpan.TicksPerMicrosecond;

        /// <summary>Hands every outbound packet that is due to the inner link.</summary>
        private void FlushOutbound(long now)
        {
            lock (_flushGate)
            {
                while (_outbound.TryTakeDue(now, _flushBuffer, out int length))
                {
                    _inner.Send(_flushBuffer.AsSpan(0, length));
                }
            }
        }

        /// <summary>Moves everything the inner link has received into the inbound path.</summary>
        private void PullInbound(long now)
        {
            while (_inner.TryReceive(_pullBuffer, out int length))
            {
                _inbound.Offer(_pullBuffer.AsSpan(0, length), now);
            }
        }
    }
}
