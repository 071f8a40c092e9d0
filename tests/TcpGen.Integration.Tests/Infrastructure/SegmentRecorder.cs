using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Links;

namespace TcpGen.Integration.Tests.Infrastructure
{
    /// <summary>
    /// A pass-through link decorator that keeps copies of the TCP segments carrying SYN, FIN or RST (both
    /// directions) and the largest payload each direction carried, so tests can look at what was on the wire; it also
    /// counts the segments after the handshake that TcpGen sent with and without a Timestamps option, and with SACK blocks.
    /// </summary>
    internal sealed class SegmentRecorder : ILink
    {
        /// <summary>The link that moves the packets.</summary>
        private readonly ILink _inner;

        /// <summary>Control segments in wire order, with their direction.</summary>
        private readonly ConcurrentQueue<RecordedSegment> _control = new();

        /// <summary>Largest TCP payload TcpGen sent.</summary>
        private int _largestSent;

        /// <summary>Largest TCP payload TcpGen received.</summary>
        private int _largestReceived;

        /// <summary>Non-SYN segments TcpGen sent with a Timestamps option.</summary>
        private int _sentWithTimestamps;

        /// <summary>Non-SYN segments TcpGen sent without a Timestamps option (none may, once timestamps are agreed: RFC 7323 3.2).</summary>
        private int _sentWithoutTimestamps;

        /// <summary>Segments TcpGen sent with SACK blocks.</summary>
        private int _sentWithSack;

        /// <summary>Segments the kernel sent with SACK blocks.</summary>
        private int _receivedWithSack;

        /// <summary>Wraps <paramref name="inner"/>; disposing the recorder does not dispose it.</summary>
        public SegmentRecorder(ILink inner)
        {
            _inner = inner;
        }

        /// <summary>SYN, FIN and RST segments seen so far, oldest first.</summary>
        public IReadOnlyList<RecordedSegment> Control => _control.ToArray();

        /// <summary>Largest TCP payload TcpGen sent.</summary>
        public int LargestPayloadSent => Volatile.Read(ref _largestSent);

        /// <summary>Largest TCP payload TcpGen received.</summary>
        public int LargestPayloadReceived => Volatile.Read(ref _largestReceived);

        /// <summary>Non-SYN segments TcpGen sent with a Timestamps option.</summary>
        public int SentWithTimestamps => Volatile.Read(ref _sentWithTimestamps);

        /// <summary>Non-SYN, non-RST segments TcpGen sent without a Timestamps option.</summary>
        public int SentWithoutTimestamps => Volatile.Read(ref _sentWithoutTimestamps);

        /// <summary>Segments TcpGen sent with SACK blocks.</summary>
        public int SentWithSack => Volatile.Read(ref _sentWithSack);

        /// <summary>Segments the kernel sent with SACK blocks (it does only when SACK was agreed).</summary>
        public int ReceivedWithSack => Volatile.Read(ref _receivedWithSack);

        /// <summary>The first recorded segment matching <paramref name="predicate"/>; fails the test with the list when none does.</summary>
        public RecordedSegment Single(Func<RecordedSegment, bool> predicate, string what)
        {
            RecordedSegment? found = Control.FirstOrDefault(predicate);
            return found ?? throw new Xunit.Sdk.XunitException("no " + what + " on the wire; saw: " + string.Join(" | ", Control));
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

            Record(destination.Slice(0, length), outbound: false);
            return true;
        }

        /// <inheritdoc />
        public void Send(ReadOnlySpan<byte> packet)
        {
            Record(packet, outbound: true);
            _inner.Send(packet);
        }

        /// <inheritdoc />
        public bool WaitReceivable(TimeSpan timeout) => _inner.WaitReceivable(timeout);

        /// <inheritdoc />
        public void Interrupt() => _inner.Interrupt();

        /// <inheritdoc />
        public void Dispose()
        {
        }

        private void Record(ReadOnlySpan<byte> packet, bool outbound)
        {
            if (!PacketParser.Parse(packet, out TcpSegmentView segment).IsOk)
            {
                return;
            }

            int payload = segment.Payload.Length;
            ref int largest = ref outbound ? ref _largestSent : ref _largestReceived;
            if (payload > largest)
            {
                Volatile.Write(ref largest, payload);
            }

            if (outbound && (segment.Flags & (TcpFlags.Syn | TcpFlags.Rst)) == 0)
            {
                Interlocked.Increment(ref segment.Options.Timestamps is null ? ref _sentWithoutTimestamps : ref _sentWithTimestamps);
                if (segment.Options.HasSack)
                {
                    Interlocked.Increment(ref _sentWithSack);
                }
            }

            if (!outbound && segment.Options.HasSack)
            {
                Interlocked.Increment(ref _receivedWithSack);
            }

            if ((segment.Flags & (TcpFlags.Syn | TcpFlags.Fin | TcpFlags.Rst)) != 0)
            {
                _control.Enqueue(new RecordedSegment(outbound, segment.Flags, segment.SourcePort, segment.DestinationPort, segment.Options.MaximumSegmentSize, segment.Options.WindowScale, segment.Options.SackPermitted, segment.Options.Timestamps is not null));
            }
        }
    }

    /// <summary>One control segment as recorded: direction, flags and the handshake options it carried.</summary>
    internal sealed record RecordedSegment(bool Outbound, TcpFlags Flags, ushort SourcePort, ushort DestinationPort, ushort? Mss, byte? WindowScale, bool SackPermitted, bool Timestamps)
    {
        /// <summary>True for a SYN without ACK.</summary>
        public bool IsSyn => (Flags & (TcpFlags.Syn | TcpFlags.Ack)) == TcpFlags.Syn;

        /// <summary>True for a SYN-ACK.</summary>
        public bool IsSynAck => (Flags & (TcpFlags.Syn | TcpFlags.Ack)) == (TcpFlags.Syn | TcpFlags.Ack);

        /// <inheritdoc />
        public override string ToString() =>
            (Outbound ? "out " : "in ") + Flags + " " + SourcePort + ">" + DestinationPort + " mss=" + Mss + " ws=" + WindowScale + " sackok=" + SackPermitted + " ts=" + Timestamps;
    }
}
