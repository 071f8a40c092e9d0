using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using TcpGen.Runtime.Timers;
using Xunit;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>
    /// One engine under test and a scripted peer: <see cref="Send"/> builds a real packet from the peer with the codec
    /// and feeds it in; <see cref="Expect"/> parses what the engine emits and compares it with a <see cref="Seg"/>;
    /// <see cref="ExpectNothing"/> checks silence. Time is virtual: <see cref="Advance"/> moves it and polls.
    /// </summary>
    public sealed class EngineHarness : IDisposable, ITcpTransitionObserver
    {
        /// <summary>The peer's initial sequence number in every script.</summary>
        public const uint RemoteIss = 100_000;

        /// <summary>Our address (198.18.0.0/15, per the network rule).</summary>
        public static readonly IpAddress LocalAddress = IpAddress.Parse("198.18.0.1");

        /// <summary>The scripted peer's address.</summary>
        public static readonly IpAddress RemoteAddress = IpAddress.Parse("198.18.0.2");

        /// <summary>Our port.</summary>
        public const ushort LocalPort = 80;

        /// <summary>The peer's port.</summary>
        public const ushort RemotePort = 49500;

        /// <summary>Scratch for outgoing packets.</summary>
        private readonly byte[] _packet;

        /// <summary>Builds a harness; <paramref name="configure"/> adjusts the default test options.</summary>
        public EngineHarness(Action<TcpEngineOptions>? configure = null)
        {
            Options = new TcpEngineOptions
            {
                MaxSegmentSize = 1000,
                SendBufferSize = 8000,
                ReceiveBufferSize = 6000,
                WindowScale = 0,
                NoDelay = true,

                // Tests that step to the next deadline expect the RTO there; LossProbeTest turns probes on.
                TailLossProbes = false,
            };
            configure?.Invoke(Options);
            Now = Instant.FromMilliseconds(1_000);
            byte[] secret = new byte[32];
            for (int i = 0; i < secret.Length; i++)
            {
                secret[i] = (byte)(i + 1);
            }

            Engine = new TcpEngine(Options, secret, Now) { TransitionObserver = this };
            _packet = new byte[Engine.MaxPacketSize];
        }

        /// <summary>The options the engine was built with.</summary>
        public TcpEngineOptions Options { get; }

        /// <summary>The engine under test.</summary>
        public TcpEngine Engine { get; }

        /// <summary>Virtual now.</summary>
        public Instant Now { get; private set; }

        /// <summary>Our ISS, learnt from the first SYN or SYN,ACK the engine sent.</summary>
        public uint Iss { get; private set; }

        /// <summary>The connection under test.</summary>
        public ConnectionHandle Connection { get; set; }

        /// <summary>The listener, if any.</summary>
        public ConnectionHandle Listener { get; private set; }

        /// <summary>Every table step the engine took, in order.</summary>
        public List<(ConnectionHandle Connection, TcpState From, TcpEvent Event, TcpState To)> Steps { get; } = new();

        /// <summary>Our endpoint.</summary>
        public static Endpoint Local => new(LocalAddress, LocalPort);

        /// <summary>The peer's endpoint.</summary>
        public static Endpoint Remote => new(RemoteAddress, RemotePort);

        /// <summary>State of the connection under test.</summary>
        public TcpState State => Engine.GetStatus(Connection).State;

        /// <summary>Status of the connection under test.</summary>
        public ConnectionStatus Status => Engine.GetStatus(Connection);

        /// <summary>The connection's TCB (internal view for invariants).</summary>
        internal TcpConnection Tcb => Engine.Find(Connection) ?? throw new InvalidOperationException("connection gone");

        /// <inheritdoc />
        public void OnTransition(ConnectionHandle connection, TcpState from, TcpEvent evt, TcpTransition transition)
        {
            Steps.Add((connection, from, evt, transition.Next));
            CellRecorder.Value?.Add((from, evt));
        }

        /// <summary>When set, collects every (state, event) cell any harness on this flow steps through (StateTestCoverageTest).</summary>
        public static AsyncLocal<HashSet<(TcpState State, TcpEvent Event)>?> CellRecorder { get; } = new();

        /// <summary>True if the connection under test took <paramref name="evt"/> while in <paramref name="state"/>.</summary>
        public bool Took(TcpState state, TcpEvent evt) => Steps.Any(s => s.Connection == Connection && s.From == state && s.Event == evt);

        /// <summary>Asserts the connection under test took <paramref name="evt"/> in <paramref name="state"/>.</summary>
        public void AssertTook(TcpState state, TcpEvent evt) =>
            Assert.True(Took(state, evt), $"expected a {evt} step in {state}; steps: {string.Join(", ", Steps.Where(s => s.Connection == Connection).Select(s => $"{s.From}/{s.Event}->{s.To}"))}");

        /// <summary>A listener on <see cref="Local"/>.</summary>
        public EngineHarness Listen()
        {
            Listener = Engine.Listen(Local);
            Assert.True(Listener.IsValid);
            return this;
        }

        /// <summary>Active open from <see cref="Local"/> to <see cref="Remote"/>; returns the SYN seen.</summary>
        public Seg Connect()
        {
            Connection = Engine.Connect(new Endpoint(LocalAddress, LocalPort), Remote, Now);
            Assert.True(Connection.IsValid);
            Seg syn = Next();
            Assert.Equal(TcpFlags.Syn, syn.Flags);
            Iss = syn.Seq;
            return syn;
        }

        /// <summary>A connection in SYN-RECEIVED (passive): listener, SYN in, SYN,ACK out.</summary>
        public static EngineHarness InSynReceived(Action<TcpEngineOptions>? configure = null, Seg? syn = null)
        {
            var t = new EngineHarness(configure).Listen();
            t.Send(syn ?? Seg.Syn with { Seq = RemoteIss, Window = 8000, Mss = 1000 });
            Seg synAck = t.Next();
            Assert.Equal(TcpFlags.Syn | TcpFlags.Ack, synAck.Flags);
            t.Iss = synAck.Seq;
            t.Connection = t.Steps.Last(s => s.To == TcpState.SynReceivedPassive).Connection;
            return t;
        }

        /// <summary>An ESTABLISHED connection made by a passive open and accepted.</summary>
        public static EngineHarness Established(Action<TcpEngineOptions>? configure = null)
        {
            var t = InSynReceived(configure);
            t.CompletePassiveOpen(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Window = 8000 });
            return t;
        }

        /// <summary>The peer's ACK of our SYN,ACK (<paramref name="ack"/>), then the user's accept: ESTABLISHED, all quiet.</summary>
        private void CompletePassiveOpen(Seg ack)
        {
            Send(ack);
            Assert.True(Engine.TryAccept(Listener, out ConnectionHandle accepted));
            Connection = accepted;
            Assert.Equal(TcpState.Established, State);
            ExpectNothing();
            DrainNotifications();
        }

        /// <summary>The peer's first TSval in scripts that agree on timestamps; its clock then ticks with <see cref="PeerTsval"/>.</summary>
        public const uint RemoteTsvalStart = 50_000;

        /// <summary>The peer's TSval now: <see cref="RemoteTsvalStart"/> plus the milliseconds since the harness started.</summary>
        public uint PeerTsval => RemoteTsvalStart + (uint)((Now.Microseconds - 1_000_000) / 1000);

        /// <summary>The latest TSval the engine sent (0 before any): what a peer echoes in TSecr.</summary>
        public uint OurTsval { get; private set; }

        /// <summary>
        /// An ESTABLISHED passive connection whose peer's SYN offered Timestamps (RFC 7323 3.2) and, unless
        /// <paramref name="sack"/> is false, SACK-Permitted (RFC 2018 2).
        /// </summary>
        public static EngineHarness EstablishedWithTimestamps(Action<TcpEngineOptions>? configure = null, bool sack = true)
        {
            var t = InSynReceived(configure, Seg.Syn with { Seq = RemoteIss, Window = 8000, Mss = 1000, Timestamps = new TcpTimestamps(RemoteTsvalStart, 0), SackPermitted = sack });
            t.CompletePassiveOpen(t.Stamped(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Window = 8000 }));
            return t;
        }

        /// <summary><paramref name="segment"/> with the peer's TSval now and, as TSecr, the latest TSval we sent.</summary>
        public Seg Stamped(Seg segment) => segment with { Timestamps = new TcpTimestamps(PeerTsval, OurTsval) };

        /// <summary>An ESTABLISHED connection made by an active open.</summary>
        public static EngineHarness EstablishedActive(Action<TcpEngineOptions>? configure = null)
        {
            var t = new EngineHarness(configure);
            t.Connect();
            t.Send(Seg.SynAck with { Seq = RemoteIss, Ack = t.Iss + 1, Window = 8000, Mss = 1000 });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 1 });
            Assert.Equal(TcpState.Established, t.State);
            t.DrainNotifications();
            return t;
        }

        /// <summary>An ESTABLISHED connection that has called CLOSE: FIN sent, state FIN-WAIT-1.</summary>
        public static EngineHarness InFinWait1(Action<TcpEngineOptions>? configure = null)
        {
            var t = Established(configure);
            t.Engine.Close(t.Connection, t.Now);
            t.Expect(Seg.FinAck with { Seq = t.Iss + 1, Ack = RemoteIss + 1 });
            Assert.Equal(TcpState.FinWait1, t.State);
            return t;
        }

        /// <summary>FIN-WAIT-2: our FIN acknowledged.</summary>
        public static EngineHarness InFinWait2(Action<TcpEngineOptions>? configure = null)
        {
            var t = InFinWait1(configure);
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 2 });
            t.ExpectNothing();
            Assert.Equal(TcpState.FinWait2, t.State);
            return t;
        }

        /// <summary>CLOSE-WAIT: the peer's FIN taken and acknowledged.</summary>
        public static EngineHarness InCloseWait(Action<TcpEngineOptions>? configure = null)
        {
            var t = Established(configure);
            t.Send(Seg.FinAck with { Seq = RemoteIss + 1, Ack = t.Iss + 1 });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 2 });
            Assert.Equal(TcpState.CloseWait, t.State);
            t.DrainNotifications();
            return t;
        }

        /// <summary>LAST-ACK: CLOSE-WAIT, then our FIN.</summary>
        public static EngineHarness InLastAck(Action<TcpEngineOptions>? configure = null)
        {
            var t = InCloseWait(configure);
            t.Engine.Close(t.Connection, t.Now);
            t.Expect(Seg.FinAck with { Seq = t.Iss + 1, Ack = RemoteIss + 2 });
            Assert.Equal(TcpState.LastAck, t.State);
            return t;
        }

        /// <summary>CLOSING: both FINs crossed; ours not yet acknowledged.</summary>
        public static EngineHarness InClosing(Action<TcpEngineOptions>? configure = null)
        {
            var t = InFinWait1(configure);
            t.Send(Seg.FinAck with { Seq = RemoteIss + 1, Ack = t.Iss + 1 });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 2, Ack = RemoteIss + 2 });
            Assert.Equal(TcpState.Closing, t.State);
            return t;
        }

        /// <summary>TIME-WAIT after an active close.</summary>
        public static EngineHarness InTimeWait(Action<TcpEngineOptions>? configure = null)
        {
            var t = InFinWait2(configure);
            t.Send(Seg.FinAck with { Seq = RemoteIss + 1, Ack = t.Iss + 2 });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 2, Ack = RemoteIss + 2 });
            Assert.Equal(TcpState.TimeWait, t.State);
            return t;
        }

        /// <summary>Builds the segment as a packet from the peer and hands it to the engine.</summary>
        public void Send(Seg segment) => Engine.Receive(Packet(segment, RemoteAddress, LocalAddress, RemotePort, LocalPort), Now);

        /// <summary>Builds the segment as a packet from another port of the peer (a second connection) and hands it in.</summary>
        public void Send(Seg segment, ushort fromPort) => Engine.Receive(Packet(segment, RemoteAddress, LocalAddress, fromPort, LocalPort), Now);

        /// <summary>Builds a packet carrying <paramref name="segment"/> between the given sockets.</summary>
        public static byte[] Packet(Seg segment, IpAddress from, IpAddress to, ushort fromPort, ushort toPort)
        {
            var options = new TcpOptions
            {
                MaximumSegmentSize = segment.Mss,
                WindowScale = segment.WindowScale,
                Timestamps = segment.Timestamps,
                SackPermitted = segment.SackPermitted,
            };
            foreach (SackBlock block in segment.Sack ?? Array.Empty<SackBlock>())
            {
                Assert.True(options.TryAddSackBlock(block), "at most four SACK blocks fit");
            }

            var outgoing = new OutgoingSegment
            {
                Source = from,
                Destination = to,
                SourcePort = fromPort,
                DestinationPort = toPort,
                SequenceNumber = segment.Seq,
                AcknowledgmentNumber = segment.Ack,
                Flags = segment.Flags,
                Window = segment.Window ?? 8000,
                UrgentPointer = segment.UrgentPointer,
                Options = options,
            };
            byte[] payload = segment.Payload ?? Array.Empty<byte>();
            byte[] buffer = new byte[SegmentBuilder.GetLength(outgoing, payload.Length)];
            SegmentBuilder.Write(buffer, outgoing, payload);
            return buffer;
        }

        /// <summary>The next packet the engine sends, parsed; fails if there is none.</summary>
        public Seg Next()
        {
            Assert.True(Engine.TryDequeueOutgoing(_packet, out int length), "expected a segment, the engine sent nothing");
            Seg next = Parse(_packet.AsSpan(0, length));
            if (next.Timestamps is { } timestamps)
            {
                OurTsval = timestamps.Value;
            }

            return next;
        }

        /// <summary>Parses an engine packet into a <see cref="Seg"/>, checking it is addressed to the peer.</summary>
        public static Seg Parse(ReadOnlySpan<byte> packet)
        {
            PacketParseResult result = PacketParser.Parse(packet, out TcpSegmentView view);
            Assert.True(result.IsOk, $"engine sent a malformed packet: {result}");
            return new Seg(
                view.Flags,
                view.SequenceNumber,
                view.AcknowledgmentNumber,
                view.Window,
                view.Payload.ToArray(),
                view.Options.MaximumSegmentSize,
                view.Options.WindowScale,
                view.UrgentPointer,
                view.Options.Timestamps,
                view.Options.SackPermitted,
                SackBlocks(view.Options));
        }

        /// <summary>The SACK blocks of parsed options, or null when there are none.</summary>
        private static SackBlock[]? SackBlocks(in TcpOptions options)
        {
            if (!options.HasSack)
            {
                return null;
            }

            var blocks = new SackBlock[options.SackBlockCount];
            options.CopySackBlocksTo(blocks);
            return blocks;
        }

        /// <summary>Asserts the next packet matches <paramref name="expected"/> (null window/options match anything); returns it.</summary>
        public Seg Expect(Seg expected)
        {
            Seg actual = Next();
            string message = $"expected {expected}, got {actual}";
            Assert.True(expected.Flags == actual.Flags, message);
            Assert.True(expected.Seq == actual.Seq, message);
            if ((expected.Flags & TcpFlags.Ack) != 0)
            {
                Assert.True(expected.Ack == actual.Ack, message);
            }

            if (expected.Window is { } window)
            {
                Assert.True(window == actual.Window, message);
            }

            if (expected.Mss is { } mss)
            {
                Assert.True(mss == actual.Mss, message);
            }

            if (expected.WindowScale is { } scale)
            {
                Assert.True(scale == actual.WindowScale, message);
            }

            Assert.True(expected.UrgentPointer == actual.UrgentPointer, message);
            if (expected.Timestamps is { } timestamps)
            {
                Assert.True(timestamps == actual.Timestamps, message);
            }

            if ((expected.Flags & TcpFlags.Syn) != 0)
            {
                Assert.True(expected.SackPermitted == actual.SackPermitted, message);
            }

            if (expected.Sack is { } sack)
            {
                Assert.True(sack.AsSpan().SequenceEqual(actual.Sack ?? Array.Empty<SackBlock>()), message);
            }

            Assert.True((expected.Payload ?? Array.Empty<byte>()).AsSpan().SequenceEqual(actual.Payload ?? Array.Empty<byte>()), message);
            return actual;
        }

        /// <summary>Asserts the engine has nothing to send.</summary>
        public void ExpectNothing()
        {
            if (Engine.TryDequeueOutgoing(_packet, out int length))
            {
                Assert.Fail($"expected nothing, got {Parse(_packet.AsSpan(0, length))}");
            }
        }

        /// <summary>Every packet the engine has to send now, parsed.</summary>
        public List<Seg> DrainAll()
        {
            var all = new List<Seg>();
            while (Engine.TryDequeueOutgoing(_packet, out int length))
            {
                all.Add(Parse(_packet.AsSpan(0, length)));
            }

            return all;
        }

        /// <summary>Moves virtual time forward and polls the engine.</summary>
        public void Advance(TimeSpan by)
        {
            Now = Now.AddMicroseconds(by.Ticks / TimeSpan.TicksPerMicrosecond);
            Engine.Poll(Now);
        }

        /// <summary>Moves time to the engine's next deadline (fails if none) and polls.</summary>
        public void AdvanceToDeadline()
        {
            Instant? deadline = Engine.NextDeadline;
            Assert.True(deadline.HasValue, "expected a pending timer");
            Now = Instant.Max(Now, deadline!.Value);
            Engine.Poll(Now);
        }

        /// <summary>Every notification queued so far.</summary>
        public List<ConnectionNotification> DrainNotifications()
        {
            var all = new List<ConnectionNotification>();
            while (Engine.TryDequeueNotification(out ConnectionNotification notification))
            {
                all.Add(notification);
            }

            return all;
        }

        /// <summary>True if a notification of that kind is queued for the connection under test (drains the queue).</summary>
        public bool Notified(NotificationKind kind) => DrainNotifications().Any(n => n.Connection == Connection && n.Kind == kind);

        /// <summary>Bytes 0, 1, 2, ... of the given length.</summary>
        public static byte[] Bytes(int length, int seed = 0)
        {
            byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++)
            {
                bytes[i] = (byte)(i + seed);
            }

            return bytes;
        }

        /// <summary>Reads everything readable from the connection under test.</summary>
        public byte[] ReadAll()
        {
            byte[] buffer = new byte[1 << 20];
            int total = 0;
            int read;
            while ((read = Engine.Read(Connection, buffer.AsSpan(total), Now)) > 0)
            {
                total += read;
            }

            return buffer.AsSpan(0, total).ToArray();
        }

        /// <inheritdoc />
        public void Dispose() => Engine.Dispose();
    }
}
