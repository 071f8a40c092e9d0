using System;
using System.Collections.Generic;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Sequencing;
using TcpGen.Runtime.Timers;

namespace TcpGen.Runtime.Engine
{
    /// <summary>
    /// The sans-IO TCP engine: it takes IP packets and user calls with the current time, and produces IP packets
    /// to send, notifications and its next deadline. It owns no thread, socket or clock, and is not thread-safe:
    /// one caller (the stack's loop, or a test) drives it.
    /// <para>
    /// Every connection's state changes only through the table generated from tcp-states.dsl
    /// (<see cref="TcpConnection.Step"/>). A listener never leaves LISTEN: each SYN it accepts is taken by a new TCB
    /// stepped through the same cells (OPEN-PASSIVE, then RCV-SYN), so one passive OPEN serves many connections and
    /// does not interfere with others (MUST-41, MUST-42). A segment that reaches no connection is stepped through a
    /// TCB that stays in CLOSED, whose cells answer it with a reset (RFC 9293 3.10.7.1).
    /// </para>
    /// </summary>
    public sealed class TcpEngine : IDisposable
    {
        /// <summary>First ephemeral port tried for an active OPEN without a local port (IANA dynamic range).</summary>
        private const int FirstEphemeralPort = 49152;

        /// <summary>Number of ephemeral ports.</summary>
        private const int EphemeralPortCount = 65536 - FirstEphemeralPort;

        /// <summary>Connections and listeners by slot; null for a free slot.</summary>
        private TcpConnection?[] _slots;

        /// <summary>Generation per slot: bumped when a slot is freed so old handles go stale.</summary>
        private int[] _generations;

        /// <summary>Free slots.</summary>
        private readonly Stack<int> _freeSlots = new();

        /// <summary>Synchronized and handshaking connections by 4-tuple.</summary>
        private readonly Dictionary<ConnectionKey, int> _connections = new();

        /// <summary>Listeners by local endpoint; an unspecified address listens on every address.</summary>
        private readonly Dictionary<Endpoint, int> _listeners = new();

        /// <summary>Connections that may have a segment to send, in round-robin order.</summary>
        private readonly IndexQueue _ready = new(64);

        /// <summary>Resets built at once (no TCB left to build them later).</summary>
        private readonly ControlPacketQueue _control = new(64);

        /// <summary>
        /// Pure ACKs a connection owed for an earlier segment of the same batch, built when the next segment arrived so
        /// each out-of-order or second full-sized segment draws its own ACK (RFC 5681 4.2, SHLD-19, MAY-13).
        /// </summary>
        private readonly ControlPacketQueue _earlyAcks = new(64);

        /// <summary>Notifications for the embedding layer.</summary>
        private readonly NotificationQueue _notifications = new(64);

        /// <summary>The TCB in CLOSED that answers segments reaching no connection.</summary>
        private readonly TcpConnection _noConnection;

        /// <summary>RFC 6528 ISN generator with the per-stack secret (MUST-8, MUST-9).</summary>
        private readonly InitialSequenceNumberGenerator _isn;

        /// <summary>The latest time any call brought; output uses it to start timers and time RTT samples.</summary>
        private Instant _now;

        /// <summary>Next ephemeral port to try.</summary>
        private int _nextEphemeral;

        /// <summary>Builds an engine. An empty <paramref name="isnSecret"/> draws a random one.</summary>
        public TcpEngine(TcpEngineOptions options, ReadOnlySpan<byte> isnSecret, Instant now)
        {
            ArgumentNullException.ThrowIfNull(options);
            Options = options;
            _isn = isnSecret.IsEmpty ? InitialSequenceNumberGenerator.CreateWithRandomSecret() : new InitialSequenceNumberGenerator(isnSecret);
            _now = now;
            Timers = new TimerWheel(now);
            _slots = new TcpConnection?[16];
            _generations = new int[16];
            for (int i = _slots.Length - 1; i >= 0; i--)
            {
                _freeSlots.Push(i);
            }

            _noConnection = new TcpConnection(this, -1, 0, default, default, isListener: false, parent: null);
            _nextEphemeral = (int)(InitialSequenceNumberGenerator.ClockComponent(now) % EphemeralPortCount);
        }

        /// <summary>The options the engine was created with.</summary>
        public TcpEngineOptions Options { get; }

        /// <summary>Totals and drops.</summary>
        public TcpCounters Counters { get; } = new TcpCounters();

        /// <summary>Why the last user call failed (MUST-47); <see cref="TcpError.None"/> after a successful one.</summary>
        public TcpError LastError { get; internal set; }

        /// <summary>Sees every table step (optional; null by default).</summary>
        public ITcpTransitionObserver? TransitionObserver { get; set; }

        /// <summary>The largest IP packet TryDequeueOutgoing can produce (size the caller's buffer by it).</summary>
        public int MaxPacketSize => Options.MaxSegmentSize + 120;

        /// <summary>When Poll must next be called, or null when no timer is pending.</summary>
        public Instant? NextDeadline => Timers.NextDeadline();

        /// <summary>The engine's timers.</summary>
        internal TimerWheel Timers { get; }

        /// <summary>Processes one received IP packet (IPv4 or IPv6). Malformed packets are dropped and counted; never throws.</summary>
        public void Receive(ReadOnlySpan<byte> packet, Instant now)
        {
            Advance(now);
            PacketParseResult parsed = PacketParser.Parse(packet, out TcpSegmentView view);
            if (parsed.IsOk || IsTcpSegmentInError(parsed.DropReason))
            {
                // tcpInSegs (RFC 4022) counts TCP segments, those received in error included; not other packets.
                Counters.SegmentsReceived++;
            }

            if (!parsed.IsOk)
            {
                if (parsed.DropReason == DropReason.NotTcp && IcmpError.TryParse(packet, out IcmpError error, out ConnectionKey about, out SeqNum quoted))
                {
                    ReceiveIcmpError(error, about, quoted);
                    return;
                }

                Counters.Drops.Increment(parsed.DropReason);
                return;
            }

            var segment = new SegmentInfo(view);
            EventContext context = EventContext.ForSegment(_now, segment, view.Payload);
            var key = new ConnectionKey(segment.Destination, segment.DestinationPort, segment.Source, segment.SourcePort);
            if (_connections.TryGetValue(key, out int index) && _slots[index] is { } connection)
            {
                connection.ProcessSegment(ref context);
                FreeIfDone(connection);
                return;
            }

            if (TryFindListener(segment.Destination, segment.DestinationPort, out TcpConnection? listener))
            {
                ReceiveAtListener(listener, ref context);
                return;
            }

            Counters.SegmentsToNoConnection++;
            _noConnection.ProcessSegment(ref context);
        }

        /// <summary>
        /// An ICMP error quoting one of our segments (RFC 9293 3.9.2.2): directed to the connection it names (MUST-54),
        /// which tells the user and goes on; Source Quench and Packet Too Big are discarded (MUST-55), and nothing aborts
        /// a connection (MUST-56).
        /// </summary>
        private void ReceiveIcmpError(in IcmpError error, in ConnectionKey about, SeqNum quotedSequence)
        {
            if (error.IsReportable && _connections.TryGetValue(about, out int index) && _slots[index] is { } connection
                && connection.OnIcmpError(error, quotedSequence))
            {
                Counters.IcmpErrorsDirected++;
                return;
            }

            Counters.IcmpErrorsIgnored++;
        }

        /// <summary>Fires due timers (retransmission, delayed ACK, TIME-WAIT, ...) and sends what the windows allow.</summary>
        public void Poll(Instant now)
        {
            Advance(now);
            Timers.Advance(_now);
            while (Timers.TryPopExpired(out ExpiredTimer expired))
            {
                if (expired.OwnerId >= 0 && expired.OwnerId < _slots.Length && _slots[expired.OwnerId] is { } connection)
                {
                    connection.OnTimer(expired, _now);
                    FreeIfDone(connection);
                }
            }
        }

        /// <summary>Copies the next packet to send into destination; false when there is none.</summary>
        public bool TryDequeueOutgoing(Span<byte> destination, out int length)
        {
            if (_control.TryDequeue(destination, out length))
            {
                Counters.SegmentsSent++;
                return true;
            }

            if (_earlyAcks.TryDequeue(destination, out length))
            {
                return true; // counted when built
            }

            while (_ready.Count > 0)
            {
                int index = _ready.Dequeue();
                if (_slots[index] is not { } connection)
                {
                    continue;
                }

                if (connection.TryWriteSegment(destination, _now, out length))
                {
                    _ready.Enqueue(index); // round robin: it may have more
                    return true;
                }

                connection.InOutputQueue = false;
            }

            length = 0;
            return false;
        }

        /// <summary>Drains one notification; false when there is none.</summary>
        public bool TryDequeueNotification(out ConnectionNotification notification)
        {
            if (!_notifications.TryDequeue(out notification))
            {
                return false;
            }

            if (TryGet(notification.Connection, out TcpConnection? connection))
            {
                connection.PendingNotifications &= ~(1 << (int)notification.Kind);
            }

            return true;
        }

        /// <summary>Passive OPEN: a listener on the local endpoint (an unspecified address listens on all).</summary>
        public ConnectionHandle Listen(Endpoint local)
        {
            LastError = TcpError.None;
            if (local.Port == 0 || IsBroadcastOrMulticast(local.Address))
            {
                LastError = TcpError.InvalidAddress;
                return ConnectionHandle.None;
            }

            EventContext context = EventContext.ForCall(_now);
            if (_listeners.TryGetValue(local, out int existing) && _slots[existing] is { } current)
            {
                current.Step(TcpEvent.OpenPassive, ref context); // "connection already exists"
                return ConnectionHandle.None;
            }

            TcpConnection listener = Allocate(local, default, isListener: true, parent: null);
            listener.UserOwned = true;
            _listeners[local] = listener.Index;
            listener.Step(TcpEvent.OpenPassive, ref context);
            return listener.Handle;
        }

        /// <summary>Takes an established connection from a listener's accept queue.</summary>
        public bool TryAccept(ConnectionHandle listener, out ConnectionHandle connection)
        {
            connection = ConnectionHandle.None;
            if (!TryGet(listener, out TcpConnection? owner) || owner.AcceptQueue is not { } queue)
            {
                LastError = TcpError.WrongKindOfHandle;
                return false;
            }

            LastError = TcpError.None;
            while (queue.Count > 0)
            {
                int index = queue.Dequeue();
                if (_slots[index] is not { } child || child.Parent != owner || !child.InAcceptQueue)
                {
                    continue;
                }

                child.InAcceptQueue = false;
                child.UserOwned = true;
                connection = child.Handle;
                child.NotifyAccepted();
                return true;
            }

            return false;
        }

        /// <summary>Active OPEN: sends a SYN; Connected (or Closed with Refused/TimedOut) is notified later. Port 0 picks an ephemeral port.</summary>
        public ConnectionHandle Connect(Endpoint local, Endpoint remote, Instant now)
        {
            Advance(now);
            LastError = TcpError.None;
            IpAddress remoteAddress = remote.Address;
            if (remote.Port == 0 || local.Address.Version == IpVersion.None || local.Address.Version != remoteAddress.Version
                || IsUnspecified(remoteAddress) || IsBroadcastOrMulticast(remoteAddress) || IsUnspecified(local.Address) || IsBroadcastOrMulticast(local.Address))
            {
                // MUST-46: no OPEN to a broadcast or multicast address; the local address must be given (MUST-43).
                LastError = TcpError.InvalidAddress;
                return ConnectionHandle.None;
            }

            if (local.Port == 0)
            {
                if (!TryPickEphemeralPort(local.Address, remote, out ushort port))
                {
                    LastError = TcpError.NoPortAvailable;
                    return ConnectionHandle.None;
                }

                local = new Endpoint(local.Address, port);
            }

            EventContext context = EventContext.ForCall(_now);
            var key = ConnectionKey.From(local, remote);
            if (_connections.TryGetValue(key, out int existing) && _slots[existing] is { } current)
            {
                current.Step(TcpEvent.OpenActive, ref context); // "connection already exists"
                return ConnectionHandle.None;
            }

            TcpConnection connection = Allocate(local, remote, isListener: false, parent: null);
            connection.UserOwned = true;
            _connections[key] = connection.Index;
            Counters.ActiveOpens++;
            connection.Step(TcpEvent.OpenActive, ref context);
            return connection.Handle;
        }

        /// <summary>SEND: queues as much of data as the send buffer takes; returns the bytes queued.</summary>
        public int Send(ConnectionHandle connection, ReadOnlySpan<byte> data, Instant now) => Send(connection, data, now, urgent: false);

        /// <summary>
        /// SEND with the URGENT flag (MUST-30): as <see cref="Send(ConnectionHandle, ReadOnlySpan{byte}, Instant)"/>, and the
        /// queued octets end the urgent data, so the urgent pointer is advanced to the octet after them (MUST-62).
        /// </summary>
        public int Send(ConnectionHandle connection, ReadOnlySpan<byte> data, Instant now, bool urgent)
        {
            Advance(now);
            LastError = TcpError.None;
            EventContext context = EventContext.ForCall(_now);
            context.UserData = data;
            context.Urgent = urgent;
            if (!TryGet(connection, out TcpConnection? tcb))
            {
                _noConnection.Step(TcpEvent.Send, ref context);
                return 0;
            }

            tcb.Step(TcpEvent.Send, ref context);
            return context.BytesQueued;
        }

        /// <summary>RECEIVE: copies in-order data out; 0 when none (check ConnectionStatus.ReceiveFinished for end of stream).</summary>
        public int Read(ConnectionHandle connection, Span<byte> destination, Instant now)
        {
            Advance(now);
            LastError = TcpError.None;
            if (!TryGet(connection, out TcpConnection? tcb))
            {
                LastError = TcpError.ConnectionDoesNotExist;
                return 0;
            }

            return tcb.Read(destination);
        }

        /// <summary>CLOSE: no more data from us; a FIN follows the queued data (half-close: reading continues).</summary>
        public void Close(ConnectionHandle connection, Instant now)
        {
            Advance(now);
            LastError = TcpError.None;
            EventContext context = EventContext.ForCall(_now);
            if (!TryGet(connection, out TcpConnection? tcb))
            {
                _noConnection.Step(TcpEvent.Close, ref context);
                return;
            }

            tcb.Step(TcpEvent.Close, ref context);
            FreeIfDone(tcb);
        }

        /// <summary>ABORT: resets the peer and deletes the connection.</summary>
        public void Abort(ConnectionHandle connection, Instant now)
        {
            Advance(now);
            LastError = TcpError.None;
            EventContext context = EventContext.ForCall(_now);
            if (!TryGet(connection, out TcpConnection? tcb))
            {
                _noConnection.Step(TcpEvent.Abort, ref context);
                return;
            }

            tcb.Step(TcpEvent.Abort, ref context);
            FreeIfDone(tcb);
        }

        /// <summary>
        /// The user is done with the handle; the engine frees the connection once it is CLOSED. A connection the user
        /// did not close is closed now; one with unread data is reset instead, since that data can never be
        /// delivered (SHLD-3). A listener is closed.
        /// </summary>
        public void Release(ConnectionHandle connection)
        {
            LastError = TcpError.None;
            if (!TryGet(connection, out TcpConnection? tcb))
            {
                return;
            }

            tcb.UserReleased = true;
            EventContext context = EventContext.ForCall(_now);
            if (!tcb.Deleted)
            {
                if (tcb.ReadableBytes > 0 && tcb.State != TcpState.TimeWait)
                {
                    tcb.Step(TcpEvent.Abort, ref context);
                }
                else if (tcb.State is TcpState.Listen or TcpState.SynSent or TcpState.SynReceivedActive
                    or TcpState.SynReceivedPassive or TcpState.Established or TcpState.CloseWait)
                {
                    tcb.Step(TcpEvent.Close, ref context);
                }

                if (!tcb.Deleted)
                {
                    tcb.OnOrphaned(_now);
                }
            }

            FreeIfDone(tcb);
        }

        /// <summary>Per-connection Nagle switch (MUST-17).</summary>
        public void SetNoDelay(ConnectionHandle connection, bool noDelay)
        {
            if (TryGet(connection, out TcpConnection? tcb))
            {
                tcb.NoDelay = noDelay;
            }
        }

        /// <summary>Per-connection keep-alive switch (MUST-24); new connections start with <see cref="TcpEngineOptions.KeepAlive"/> (off, MUST-25).</summary>
        public void SetKeepAlive(ConnectionHandle connection, bool enabled)
        {
            if (TryGet(connection, out TcpConnection? tcb))
            {
                tcb.KeepAlive = enabled;
            }
        }

        /// <summary>Per-connection R2 give-up time (MUST-21).</summary>
        public void SetUserTimeout(ConnectionHandle connection, TimeSpan timeout)
        {
            if (TryGet(connection, out TcpConnection? tcb))
            {
                tcb.UserTimeout = timeout;
            }
        }

        /// <summary>Per-connection DSCP/ECN byte of outgoing segments (MUST-48).</summary>
        public void SetTrafficClass(ConnectionHandle connection, byte trafficClass)
        {
            if (TryGet(connection, out TcpConnection? tcb))
            {
                tcb.TrafficClass = trafficClass;
            }
        }

        /// <summary>A snapshot of the connection; a stale handle reports CLOSED.</summary>
        public ConnectionStatus GetStatus(ConnectionHandle connection)
        {
            if (!TryGet(connection, out TcpConnection? tcb))
            {
                return new ConnectionStatus(TcpState.Closed, EndReason.None, 0, 0, false, default, default);
            }

            return new ConnectionStatus(tcb.State, tcb.EndReason, tcb.ReadableBytes, tcb.SendBufferFree, tcb.ReceiveFinished, tcb.Local, tcb.Remote, tcb.UrgentBytes, tcb.LastIcmpError);
        }

        /// <summary>Connections per RFC state name, like `netstat -n | awk '/^tcp/ {++S[$NF]}'`; fills counts indexed by TcpState.</summary>
        public void CountStates(Span<int> countsByState)
        {
            countsByState.Clear();
            foreach (TcpConnection? tcb in _slots)
            {
                if (tcb is not null && (int)tcb.State < countsByState.Length && !(tcb.Deleted && tcb.State == TcpState.Closed))
                {
                    countsByState[(int)tcb.State]++;
                }
            }
        }

        /// <summary>Frees every buffer.</summary>
        public void Dispose()
        {
            for (int i = 0; i < _slots.Length; i++)
            {
                _slots[i]?.DisposeBuffers();
                _slots[i] = null;
            }

            _connections.Clear();
            _listeners.Clear();
        }

        /// <summary>The TCB behind a handle (tests and diagnostics); null when stale.</summary>
        internal TcpConnection? Find(ConnectionHandle handle) => TryGet(handle, out TcpConnection? tcb) ? tcb : null;

        /// <summary>Live TCBs (tests check invariants over them).</summary>
        internal IEnumerable<TcpConnection> Connections
        {
            get
            {
                foreach (TcpConnection? tcb in _slots)
                {
                    if (tcb is not null)
                    {
                        yield return tcb;
                    }
                }
            }
        }

        /// <summary>Reports a table step to the observer.</summary>
        internal void ObserveTransition(TcpConnection connection, TcpState from, TcpEvent evt, TcpTransition transition)
        {
            if (TransitionObserver is { } observer && connection.Index >= 0)
            {
                observer.OnTransition(connection.Handle, from, evt, transition);
            }
        }

        /// <summary>Puts a connection in the output round robin.</summary>
        internal void MarkReady(TcpConnection connection)
        {
            if (!connection.InOutputQueue && connection.Index >= 0)
            {
                connection.InOutputQueue = true;
                _ready.Enqueue(connection.Index);
            }
        }

        /// <summary>Queues a notification for a connection the user holds, once per kind until drained.</summary>
        internal void Notify(TcpConnection connection, NotificationKind kind)
        {
            int bit = 1 << (int)kind;
            if (!connection.UserOwned || connection.Index < 0 || (connection.PendingNotifications & bit) != 0)
            {
                return;
            }

            connection.PendingNotifications |= bit;
            _notifications.Enqueue(new ConnectionNotification(connection.Handle, kind));
        }

        /// <summary>The ISS for a new connection (RFC 6528).</summary>
        internal SeqNum ChooseIss(Endpoint local, Endpoint remote, Instant now)
        {
            Span<byte> localBytes = stackalloc byte[16];
            Span<byte> remoteBytes = stackalloc byte[16];
            int localLength = WriteAddress(local.Address, localBytes);
            int remoteLength = WriteAddress(remote.Address, remoteBytes);
            return _isn.Next(now, localBytes.Slice(0, localLength), local.Port, remoteBytes.Slice(0, remoteLength), remote.Port);
        }

        /// <summary>The per-connection offset of the Timestamps clock (RFC 7323 7.1).</summary>
        internal uint ChooseTimestampOffset(Endpoint local, Endpoint remote)
        {
            Span<byte> localBytes = stackalloc byte[16];
            Span<byte> remoteBytes = stackalloc byte[16];
            int localLength = WriteAddress(local.Address, localBytes);
            int remoteLength = WriteAddress(remote.Address, remoteBytes);
            return _isn.TimestampOffset(localBytes.Slice(0, localLength), local.Port, remoteBytes.Slice(0, remoteLength), remote.Port);
        }

        /// <summary>The latest time any call brought (segments built now carry it in TSval).</summary>
        internal Instant Now => _now;

        /// <summary>
        /// A reset answering <paramref name="segment"/> (RFC 9293 3.10.7.1 and 3.5.2): &lt;SEQ=SEG.ACK&gt;&lt;CTL=RST&gt;
        /// if it carried an ACK, else &lt;SEQ=0&gt;&lt;ACK=SEG.SEQ+SEG.LEN&gt;&lt;CTL=RST,ACK&gt;. A RST is never answered.
        /// When the segment carried timestamps, so does the reset: TSval 0, TSecr its TSval (RFC 7323 5.2).
        /// </summary>
        internal void QueueResetFor(in SegmentInfo segment)
        {
            if (segment.IsRst)
            {
                return;
            }

            var reset = new OutgoingSegment
            {
                Source = segment.Destination,
                Destination = segment.Source,
                SourcePort = segment.DestinationPort,
                DestinationPort = segment.SourcePort,
                SequenceNumber = segment.IsAck ? segment.Acknowledgment.Value : 0,
                AcknowledgmentNumber = segment.IsAck ? 0 : (segment.Sequence + segment.SequenceLength).Value,
                Flags = segment.IsAck ? TcpFlags.Rst : TcpFlags.Rst | TcpFlags.Ack,
                HopLimit = Options.HopLimit,
                TrafficClass = Options.TrafficClass,
                Options = segment.Timestamps is { } timestamps ? new TcpOptions { Timestamps = new TcpTimestamps(0, timestamps.Value) } : default,
            };
            QueueControl(reset);
        }

        /// <summary>
        /// &lt;SEQ=SND.NXT&gt;&lt;CTL=RST&gt; for an aborted connection (RFC 9293 3.10.5), with the connection's
        /// timestamps when they were agreed (RFC 7323 5.2: SHOULD for a reset on a user abort).
        /// </summary>
        internal void QueueReset(Endpoint local, Endpoint remote, SeqNum sequence, TcpTimestamps? timestamps)
        {
            var reset = new OutgoingSegment
            {
                Source = local.Address,
                Destination = remote.Address,
                SourcePort = local.Port,
                DestinationPort = remote.Port,
                SequenceNumber = sequence.Value,
                Flags = TcpFlags.Rst,
                HopLimit = Options.HopLimit,
                TrafficClass = Options.TrafficClass,
                Options = timestamps is { } value ? new TcpOptions { Timestamps = value } : default,
            };
            QueueControl(reset);
        }

        /// <summary>The slot to build an early ACK into; <see cref="CommitEarlyAck"/> adds it.</summary>
        internal Span<byte> EarlyAckSlot() => _earlyAcks.NextSlot();

        /// <summary>Adds the ACK just built in <see cref="EarlyAckSlot"/>; it leaves before any connection's next segment.</summary>
        internal void CommitEarlyAck(int length) => _earlyAcks.Commit(length);

        /// <summary>A TCB ran DELETE-TCB: forget its 4-tuple or listening endpoint; a deleted listener resets its unaccepted children.</summary>
        internal void OnDeleted(TcpConnection connection)
        {
            if (connection.Index < 0)
            {
                return;
            }

            if (connection.IsListener)
            {
                if (_listeners.TryGetValue(connection.Local, out int index) && index == connection.Index)
                {
                    _listeners.Remove(connection.Local);
                }

                for (int i = 0; i < _slots.Length; i++)
                {
                    if (_slots[i] is { } child && child.Parent == connection && !child.UserOwned && !child.Deleted)
                    {
                        EventContext context = EventContext.ForCall(_now);
                        child.InAcceptQueue = false;
                        child.Step(TcpEvent.Abort, ref context);
                        FreeIfDone(child);
                    }
                }

                return;
            }

            var key = ConnectionKey.From(connection.Local, connection.Remote);
            if (_connections.TryGetValue(key, out int slot) && slot == connection.Index)
            {
                _connections.Remove(key);
            }
        }

        /// <summary>Moves the engine's notion of now forward (never back).</summary>
        private void Advance(Instant now)
        {
            if (now > _now)
            {
                _now = now;
            }
        }

        /// <summary>
        /// A segment for a listener. A SYN (no ACK, no RST) spawns a child TCB, unless the SYN backlog or accept
        /// queue is full: then the SYN is dropped and counted, as Linux does without SYN cookies. Anything else is
        /// stepped through the listener's own LISTEN cells.
        /// </summary>
        private void ReceiveAtListener(TcpConnection listener, ref EventContext context, SeqNum? issAbove = null)
        {
            TcpEvent evt = TcpConnection.ClassifyAtListener(context.Segment);
            if (evt != TcpEvent.RcvSyn)
            {
                listener.Step(evt, ref context);
                return;
            }

            if (listener.HalfOpenCount >= Options.SynBacklog || (listener.AcceptQueue?.Count ?? 0) >= Options.AcceptBacklog)
            {
                Counters.ListenOverflows++;
                return;
            }

            SegmentInfo segment = context.Segment;
            var local = new Endpoint(segment.Destination, segment.DestinationPort);
            var remote = new Endpoint(segment.Source, segment.SourcePort);
            TcpConnection child = Allocate(local, remote, isListener: false, parent: listener);
            _connections[ConnectionKey.From(local, remote)] = child.Index;
            if (issAbove is { } floor)
            {
                child.RequireIssAbove(floor);
            }

            child.CountHalfOpen();
            Counters.PassiveOpens++;
            child.Step(TcpEvent.OpenPassive, ref context);
            child.Step(TcpEvent.RcvSyn, ref context);
            FreeIfDone(child);
        }

        /// <summary>
        /// PASS-SYN-TO-LISTENER: a SYN reopened a connection from TIME-WAIT (RFC 9293 3.6.1, MAY-2; RFC 6191), whose TCB
        /// is already deleted. The listener on our socket takes it as a fresh passive open with an ISS above
        /// <paramref name="oldSendMax"/>; with no listener it gets the answer CLOSED gives, a reset (RFC 9293 3.10.7.1).
        /// </summary>
        internal void PassSynToListener(ref EventContext context, SeqNum oldSendMax)
        {
            SegmentInfo segment = context.Segment;
            if (TryFindListener(segment.Destination, segment.DestinationPort, out TcpConnection? listener))
            {
                ReceiveAtListener(listener, ref context, oldSendMax);
                return;
            }

            Counters.SegmentsToNoConnection++;
            _noConnection.ProcessSegment(ref context);
        }

        /// <summary>The listener for a local endpoint: exact address first, then the unspecified address.</summary>
        private bool TryFindListener(IpAddress address, ushort port, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TcpConnection? listener)
        {
            if ((_listeners.TryGetValue(new Endpoint(address, port), out int index)
                || _listeners.TryGetValue(new Endpoint(default, port), out index)) && _slots[index] is { } found)
            {
                listener = found;
                return true;
            }

            listener = null;
            return false;
        }

        /// <summary>Resolves a handle; false when it is stale or none.</summary>
        private bool TryGet(ConnectionHandle handle, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TcpConnection? connection)
        {
            connection = null;
            if (handle.Index < 0 || handle.Index >= _slots.Length || _generations[handle.Index] != handle.Generation)
            {
                return false;
            }

            connection = _slots[handle.Index];
            return connection is not null;
        }

        /// <summary>Takes a free slot (growing the table when none is left) and builds a TCB in it.</summary>
        private TcpConnection Allocate(Endpoint local, Endpoint remote, bool isListener, TcpConnection? parent)
        {
            if (_freeSlots.Count == 0)
            {
                int oldLength = _slots.Length;
                Array.Resize(ref _slots, oldLength * 2);
                Array.Resize(ref _generations, oldLength * 2);
                for (int i = _slots.Length - 1; i >= oldLength; i--)
                {
                    _freeSlots.Push(i);
                }
            }

            int index = _freeSlots.Pop();
            var connection = new TcpConnection(this, index, _generations[index], local, remote, isListener, parent);
            _slots[index] = connection;
            return connection;
        }

        /// <summary>Frees the slot of a deleted TCB nobody can still ask about.</summary>
        private void FreeIfDone(TcpConnection connection)
        {
            if (connection.Index < 0 || !connection.Deleted || _slots[connection.Index] != connection)
            {
                return;
            }

            if (connection.UserReleased || (!connection.UserOwned && !connection.InAcceptQueue))
            {
                connection.DisposeBuffers();
                _slots[connection.Index] = null;
                _generations[connection.Index]++;
                _freeSlots.Push(connection.Index);
            }
        }

        /// <summary>An unused ephemeral port towards <paramref name="remote"/>.</summary>
        private bool TryPickEphemeralPort(IpAddress localAddress, Endpoint remote, out ushort port)
        {
            for (int attempt = 0; attempt < EphemeralPortCount; attempt++)
            {
                port = (ushort)(FirstEphemeralPort + _nextEphemeral);
                _nextEphemeral = (_nextEphemeral + 1) % EphemeralPortCount;
                if (!_connections.ContainsKey(new ConnectionKey(localAddress, port, remote.Address, remote.Port))
                    && !_listeners.ContainsKey(new Endpoint(localAddress, port))
                    && !_listeners.ContainsKey(new Endpoint(default, port)))
                {
                    return true;
                }
            }

            port = 0;
            return false;
        }

        /// <summary>Builds a header-only control segment into the control queue.</summary>
        private void QueueControl(in OutgoingSegment segment)
        {
            Span<byte> slot = _control.NextSlot();
            if (SegmentBuilder.TryWrite(slot, segment, default, out int written))
            {
                _control.Commit(written);
                Counters.ResetsSent++;
            }
        }

        /// <summary>True for a drop of a packet that IP delivered as TCP and TCP then found in error (RFC 4022 tcpInErrs).</summary>
        private static bool IsTcpSegmentInError(DropReason reason) =>
            reason is DropReason.DataOffsetOutOfRange or DropReason.BadChecksum or DropReason.IllegalOptionLength;

        /// <summary>Raw address octets for the ISN hash: 4 for IPv4, 16 for IPv6.</summary>
        private static int WriteAddress(IpAddress address, Span<byte> destination)
        {
            if (address.IsIpv6)
            {
                address.AsIpv6().WriteTo(destination);
                return 16;
            }

            address.AsIpv4().WriteTo(destination);
            return 4;
        }

        /// <summary>True for the unspecified address of either family (or none).</summary>
        private static bool IsUnspecified(IpAddress address) =>
            address.Version == IpVersion.None || (address.IsIpv4 ? address.AsIpv4().IsUnspecified : address.AsIpv6().IsUnspecified);

        /// <summary>True for IPv4 broadcast or multicast and IPv6 multicast (MUST-46).</summary>
        private static bool IsBroadcastOrMulticast(IpAddress address) =>
            address.IsIpv4 ? address.AsIpv4().IsBroadcast || address.AsIpv4().IsMulticast : address.IsIpv6 && address.AsIpv6().IsMulticast;
    }
}
