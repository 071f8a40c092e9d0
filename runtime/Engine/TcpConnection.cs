using System;
using TcpGen.Runtime.Buffers;
using TcpGen.Runtime.Sequencing;
using TcpGen.Runtime.Timers;

namespace TcpGen.Runtime.Engine
{
    /// <summary>
    /// One transmission control block (RFC 9293 3.3.1): the sequence variables, buffers, timers and congestion state
    /// of a connection or listener. Its state lives in a <see cref="ConnectionStateMachine"/> and changes only in
    /// <see cref="Step"/>, which runs one event through the generated table and then the actions the table returns.
    /// The partial files hold segment classification (Input), the actions (Actions) and segment output (Output).
    /// </summary>
    internal sealed partial class TcpConnection
    {
        /// <summary>The engine that owns the timers, queues and counters this TCB uses.</summary>
        private readonly TcpEngine _engine;

        /// <summary>The only holder of the connection's state; written only by <see cref="ConnectionStateMachine.Fire"/>.</summary>
        private ConnectionStateMachine _machine = new();

        /// <summary>Slot of this TCB in the engine.</summary>
        public int Index { get; }

        /// <summary>Slot generation, so handles to a reused slot go stale.</summary>
        public int Generation { get; }

        /// <summary>Our socket.</summary>
        public Endpoint Local { get; private set; }

        /// <summary>The peer's socket (unspecified for a listener).</summary>
        public Endpoint Remote { get; private set; }

        /// <summary>True for a listener made by a passive OPEN (its SYNs spawn children).</summary>
        public bool IsListener { get; }

        /// <summary>The listener that spawned this connection, or null for an active OPEN.</summary>
        public TcpConnection? Parent { get; }

        /// <summary>True once the user holds the handle (active OPEN, Listen, or accepted).</summary>
        public bool UserOwned { get; set; }

        /// <summary>True once the user released the handle: the slot is freed when the TCB is deleted.</summary>
        public bool UserReleased { get; set; }

        /// <summary>True while in the parent's accept queue.</summary>
        public bool InAcceptQueue { get; set; }

        /// <summary>True once DELETE-TCB ran: timers are gone and the 4-tuple is free.</summary>
        public bool Deleted { get; private set; }

        /// <summary>True while the engine's output queue holds this connection.</summary>
        public bool InOutputQueue { get; set; }

        /// <summary>Bit per <see cref="NotificationKind"/> already queued and not yet drained (deduplicates notifications).</summary>
        public int PendingNotifications { get; set; }

        /// <summary>How the connection ended (MUST-12).</summary>
        public EndReason EndReason { get; private set; }

        /// <summary>True once Closed was notified, so it is notified once.</summary>
        private bool _closedNotified;

        /// <summary>Accepted-but-not-taken children of a listener.</summary>
        public IndexQueue? AcceptQueue { get; }

        /// <summary>Children of a listener still in SYN-RECEIVED (the SYN backlog).</summary>
        public int HalfOpenCount { get; set; }

        /// <summary>True while this child counts towards its parent's <see cref="HalfOpenCount"/>.</summary>
        private bool _countedHalfOpen;

        /// <summary>Set by RESET-TO-LISTEN: a child back in LISTEN is closed once the step ends, the listener stays.</summary>
        private bool _closeAfterStep;

        /// <summary>ISS: our initial sequence number (RFC 6528).</summary>
        private SeqNum _iss;

        /// <summary>True once the ISS was chosen (a passive open chooses it at SEND-SYN-ACK).</summary>
        private bool _issChosen;

        /// <summary>True when the ISS must be above <see cref="_issFloor"/>: this TCB reopens a connection from TIME-WAIT.</summary>
        private bool _hasIssFloor;

        /// <summary>SND.NXT of the TIME-WAIT incarnation this TCB replaces (RFC 9293 3.6.1: the new ISS exceeds it).</summary>
        private SeqNum _issFloor;

        /// <summary>SND.UNA: oldest unacknowledged sequence number.</summary>
        private SeqNum _sndUna;

        /// <summary>SND.NXT: next sequence number to send (moved back to SND.UNA after a timeout: go-back-N).</summary>
        private SeqNum _sndNxt;

        /// <summary>
        /// SND.MAX, the highest sequence number sent plus one (RFC 9293's SND.NXT, which never goes back): ACKs up to it
        /// are acceptable even after our SND.NXT went back to SND.UNA (RFC 9293 3.10.7.4, RFC 5961 5.2), and pure ACKs
        /// and resets carry it as their sequence number.
        /// </summary>
        private SeqNum _sndMax;

        /// <summary>SND.WND: the peer's window, scaled.</summary>
        private uint _sndWnd;

        /// <summary>Largest window the peer offered (MAX.SND.WND of RFC 5961 and Fs x Max(SND.WND) of MUST-38).</summary>
        private uint _maxSndWnd;

        /// <summary>SND.WL1: SEG.SEQ of the last window update.</summary>
        private SeqNum _sndWl1;

        /// <summary>SND.WL2: SEG.ACK of the last window update.</summary>
        private SeqNum _sndWl2;

        /// <summary>True once our SYN is acknowledged (data then starts at SND.UNA).</summary>
        private bool _synAcked;

        /// <summary>True once CLOSE queued our FIN.</summary>
        private bool _finQueued;

        /// <summary>True once the peer acknowledged our FIN.</summary>
        private bool _finAcked;

        /// <summary>Sequence number our FIN occupies.</summary>
        private SeqNum _finSeq;

        /// <summary>Shift applied to the peer's window field (RFC 7323).</summary>
        private int _sndShift;

        /// <summary>Shift applied to our window field (RFC 7323); what we offered, or 0 if scaling was not agreed.</summary>
        private int _rcvShift;

        /// <summary>True when the peer's SYN carried a window scale option, so scaling is in force (RFC 7323 2.2).</summary>
        private bool _peerOfferedWindowScale;

        /// <summary>The peer's MSS option, or the RFC 9293 default (MUST-15).</summary>
        private int _peerMss;

        /// <summary>Effective send MSS (MUST-16): the largest segment text we send.</summary>
        private int _effectiveMss;

        /// <summary>IRS: the peer's initial sequence number.</summary>
        private SeqNum _irs;

        /// <summary>RCV.NXT: next sequence number expected.</summary>
        private SeqNum _rcvNxt;

        /// <summary>RCV.NXT + RCV.WND as last advertised: it never moves left (SHLD-14).</summary>
        private SeqNum _rcvAdvertisedEdge;

        /// <summary>True once the peer's FIN was taken.</summary>
        private bool _finReceived;

        /// <summary>True when a FIN arrived out of order and waits for the gap before it to fill.</summary>
        private bool _finPending;

        /// <summary>Sequence number of that out-of-order FIN.</summary>
        private SeqNum _pendingFinSeq;

        /// <summary>Octets from SND.UNA on (null for listeners).</summary>
        private SendBuffer? _send;

        /// <summary>Received octets for the user, and the reassembly space (null for listeners).</summary>
        private ReceiveBuffer? _receive;

        /// <summary>An ACK must go out at the next output (aggregated over every segment processed before, MUST-58).</summary>
        private bool _ackNow;

        /// <summary>An ACK was already owed when the current segment arrived: it answers an earlier segment of the batch.</summary>
        private bool _ackOwedByEarlierSegment;

        /// <summary>
        /// Pure duplicate ACKs still to send, one per out-of-order segment (RFC 5681 4.2): they leave as ACKs without
        /// data, or the sender would not count them (RFC 5681 2), and they are dropped once RCV.NXT moves.
        /// </summary>
        private int _duplicateAcksOwed;

        /// <summary>When the segment at SND.UNA was last resent in fast recovery, to tell when that resend was itself lost.</summary>
        private Instant _recoveryResentAt;

        /// <summary>Fast retransmit or a NewReno partial ACK asked to resend the segment at SND.UNA.</summary>
        private bool _retransmitOne;

        /// <summary>The persist timer fired: send one octet even though the window is closed (MUST-36).</summary>
        private bool _forceProbe;

        /// <summary>In-order octets received since our last ACK, for "ACK every second full-sized segment" (SHLD-19).</summary>
        private int _unacknowledgedOctets;

        /// <summary>Retransmission or persist timer.</summary>
        private TimerHandle _retransmitTimer;

        /// <summary>Delayed-ACK timer.</summary>
        private TimerHandle _delayedAckTimer;

        /// <summary>2 x MSL timer.</summary>
        private TimerHandle _timeWaitTimer;

        /// <summary>FIN-WAIT-2 timer of an orphaned connection.</summary>
        private TimerHandle _finWait2Timer;

        /// <summary>Keep-alive timer.</summary>
        private TimerHandle _keepaliveTimer;

        /// <summary>RFC 6298 state.</summary>
        private RetransmissionTimeout _rto;

        /// <summary>True while the retransmit timer acts as the persist timer (window closed, nothing in flight).</summary>
        private bool _persisting;

        /// <summary>True between the first retransmission of SND.UNA and the ACK that moves it.</summary>
        private bool _retransmitting;

        /// <summary>When the current run of retransmissions started, for R2 (MUST-20).</summary>
        private Instant _retransmittingSince;

        /// <summary>Retransmissions of the current SND.UNA, for R1 (MUST-20).</summary>
        private int _retransmitCount;

        /// <summary>True while one segment is being timed for an RTT sample (Karn: never a retransmitted one, MUST-18).</summary>
        private bool _rttTiming;

        /// <summary>The ACK that ends the timed segment.</summary>
        private SeqNum _rttSequence;

        /// <summary>When the timed segment was sent.</summary>
        private Instant _rttStart;

        /// <summary>Slow start, congestion avoidance, NewReno.</summary>
        private CongestionControl _congestion;

        /// <summary>Nagle off (MUST-17).</summary>
        private bool _noDelay;

        /// <summary>R2 for this connection, microseconds (MUST-21: the user can set it).</summary>
        private long _userTimeout;

        /// <summary>Start of the current one-second challenge-ACK budget (RFC 5961 7, per connection).</summary>
        private Instant _challengeWindowStart;

        /// <summary>Challenge ACKs sent in the current second.</summary>
        private int _challengeAcksInWindow;

        /// <summary>True from a zero-window probe until an acceptable ACK answers it: only unanswered probes count towards R2 (MUST-37).</summary>
        private bool _probeUnanswered;

        /// <summary>When the first probe of the current unanswered run went out, for R2 while persisting.</summary>
        private Instant _probeUnansweredSince;

        /// <summary>Builds an empty TCB in CLOSED; the user call or the listener then steps it through the table.</summary>
        public TcpConnection(TcpEngine engine, int index, int generation, Endpoint local, Endpoint remote, bool isListener, TcpConnection? parent)
        {
            _engine = engine;
            Index = index;
            Generation = generation;
            Local = local;
            Remote = remote;
            IsListener = isListener;
            Parent = parent;
            TcpEngineOptions options = engine.Options;
            if (isListener)
            {
                AcceptQueue = new IndexQueue(options.AcceptBacklog + options.SynBacklog);
            }

            _noDelay = options.NoDelay;
            _keepAlive = options.KeepAlive;
            TrafficClass = options.TrafficClass; // MUST-48: the default Diffserv field until the user sets one
            _userTimeout = options.UserTimeout.Ticks / TimeSpan.TicksPerMicrosecond;
            _rto = new RetransmissionTimeout(
                options.InitialRetransmissionTimeout.Ticks / TimeSpan.TicksPerMicrosecond,
                options.MinimumRetransmissionTimeout.Ticks / TimeSpan.TicksPerMicrosecond,
                options.MaximumRetransmissionTimeout.Ticks / TimeSpan.TicksPerMicrosecond);
            _peerMss = DefaultSendMss(local);
            _effectiveMss = Math.Min(_peerMss, options.MaxSegmentSize);
            _congestion = new CongestionControl(_effectiveMss, 0);
        }

        /// <summary>The handle naming this TCB.</summary>
        public ConnectionHandle Handle => new(Index, Generation);

        /// <summary>The current state.</summary>
        public TcpState State => _machine.State;

        /// <summary>In-order octets waiting for Read.</summary>
        public int ReadableBytes => _receive is { } r && !_receiveDisposed ? r.ReadableCount : 0;

        /// <summary>Room in the send buffer.</summary>
        public int SendBufferFree => _send is { } s && !_sendDisposed ? s.Free : 0;

        /// <summary>True once the peer's FIN was taken.</summary>
        public bool ReceiveFinished => _finReceived;

        /// <summary>SND.UNA (tests check SND.UNA =&lt; SND.NXT).</summary>
        internal SeqNum SendUnacknowledged => _sndUna;

        /// <summary>SND.NXT.</summary>
        internal SeqNum SendNext => _sndNxt;

        /// <summary>Highest sequence number sent plus one.</summary>
        internal SeqNum SendMax => _sndMax;

        /// <summary>RCV.NXT.</summary>
        internal SeqNum ReceiveNext => _rcvNxt;

        /// <summary>SND.WND.</summary>
        internal uint SendWindow => _sndWnd;

        /// <summary>cwnd.</summary>
        internal long CongestionWindow => _congestion.Window;

        /// <summary>ssthresh.</summary>
        internal long SlowStartThreshold => _congestion.SlowStartThreshold;

        /// <summary>The current RTO in microseconds.</summary>
        internal long RetransmissionTimeoutMicroseconds => _rto.Current;

        /// <summary>Effective send MSS.</summary>
        internal int EffectiveSendMss => _effectiveMss;

        /// <summary>Octets held in the send buffer.</summary>
        internal int SendBufferCount => _send is { } s && !_sendDisposed ? s.Count : 0;

        /// <summary>True once the send buffer went back to the pool (tests).</summary>
        internal bool SendBufferReleased => _sendDisposed;

        /// <summary>True once the receive buffer went back to the pool (tests).</summary>
        internal bool ReceiveBufferReleased => _receiveDisposed;

        /// <summary>True once the send buffer went back to the pool.</summary>
        private bool _sendDisposed;

        /// <summary>True once the receive buffer went back to the pool.</summary>
        private bool _receiveDisposed;

        /// <summary>The R2 give-up time for this connection, settable by the user (MUST-21).</summary>
        public TimeSpan UserTimeout
        {
            get => TimeSpan.FromTicks(_userTimeout * TimeSpan.TicksPerMicrosecond);
            set => _userTimeout = Math.Max(1, value.Ticks / TimeSpan.TicksPerMicrosecond);
        }

        /// <summary>Nagle switch (MUST-17).</summary>
        public bool NoDelay
        {
            get => _noDelay;
            set
            {
                _noDelay = value;
                _engine.MarkReady(this);
            }
        }

        /// <summary>RFC 9293 3.7.1 (MUST-15): without an MSS option, assume 536 octets over IPv4 and 1220 over IPv6.</summary>
        private static int DefaultSendMss(Endpoint local) => local.Address.IsIpv6 ? 1220 : 536;

        /// <summary>
        /// The single table-driven step: looks the (state, event) cell up in the generated table through the state
        /// machine, then runs the returned actions in order. Nothing else changes the state.
        /// </summary>
        public void Step(TcpEvent evt, ref EventContext context)
        {
            TcpState from = _machine.State;
            TcpTransition transition = _machine.Fire(evt);
            context.Event = evt;
            _engine.ObserveTransition(this, from, evt, transition);
            foreach (TcpAction action in transition)
            {
                Execute(action, ref context);
            }

            if (_closeAfterStep)
            {
                _closeAfterStep = false;
                Step(TcpEvent.Close, ref context);
            }
        }

        /// <summary>Copies in-order data to the user, and opens the window when that frees enough room (MUST-39).</summary>
        public int Read(Span<byte> destination)
        {
            if (_receive is null || _receiveDisposed)
            {
                return 0;
            }

            int count = _receive.Read(destination);
            if (count > 0 && !Deleted && WindowUpdateWorthSending())
            {
                _ackNow = true;
                _engine.MarkReady(this);
            }

            if (State == TcpState.TimeWait)
            {
                ReleaseBuffersInTimeWait(); // the last unread octets are gone: nothing will use the buffer again
            }

            return count;
        }

        /// <summary>
        /// In TIME-WAIT both directions are finished: our FIN is acknowledged, so the send buffer is empty for good, and
        /// the peer's FIN was taken, so the receive buffer only holds what the user has not read yet. Both go back to
        /// the pool now rather than after 2 x MSL: a server that closes first keeps thousands of connections in
        /// TIME-WAIT, and their buffers (half a megabyte each by default) would otherwise stay rented for two minutes.
        /// </summary>
        private void ReleaseBuffersInTimeWait()
        {
            DisposeSendBuffer();
            if (_receive is not null && !_receiveDisposed && _receive.ReadableCount == 0)
            {
                DisposeReceiveBuffer();
            }
        }

        /// <summary>Releases buffers at the end of the slot's life.</summary>
        public void DisposeBuffers()
        {
            DisposeSendBuffer();
            DisposeReceiveBuffer();
        }

        /// <summary>Returns the send buffer to the pool.</summary>
        private void DisposeSendBuffer()
        {
            if (_send is not null && !_sendDisposed)
            {
                _sendDisposed = true;
                _send.Dispose();
            }
        }

        /// <summary>Returns the receive buffer to the pool (flushing unread data).</summary>
        private void DisposeReceiveBuffer()
        {
            if (_receive is not null && !_receiveDisposed)
            {
                _receiveDisposed = true;
                _receive.Dispose();
            }
        }

        /// <summary>Tells the user the connection ended (once).</summary>
        private void NotifyClosed()
        {
            if (!_closedNotified)
            {
                _closedNotified = true;
                _engine.Notify(this, NotificationKind.Closed);
            }
        }

        /// <summary>Queues, after an accept, the notifications the user missed while the child was unowned.</summary>
        public void NotifyAccepted()
        {
            _engine.Notify(this, NotificationKind.Connected);
            if (ReadableBytes > 0)
            {
                _engine.Notify(this, NotificationKind.Readable);
            }

            if (_finReceived)
            {
                _engine.Notify(this, NotificationKind.ReceiveFinished);
            }

            if (Deleted || EndReason != EndReason.None)
            {
                NotifyClosed();
            }
        }

        /// <summary>Schedules one of this connection's timers, replacing its previous deadline.</summary>
        private void SetTimer(ref TimerHandle handle, TimerKind kind, Instant deadline)
        {
            if (!handle.IsNone && _engine.Timers.Reschedule(handle, deadline))
            {
                return;
            }

            handle = _engine.Timers.Schedule(deadline, Index, (byte)kind);
        }

        /// <summary>Cancels one of this connection's timers.</summary>
        private void StopTimer(ref TimerHandle handle)
        {
            if (!handle.IsNone)
            {
                _engine.Timers.Cancel(handle);
                handle = TimerHandle.None;
            }
        }

        /// <summary>Cancels every timer (DELETE-TCB).</summary>
        private void StopAllTimers()
        {
            StopTimer(ref _retransmitTimer);
            StopTimer(ref _delayedAckTimer);
            StopTimer(ref _timeWaitTimer);
            StopTimer(ref _finWait2Timer);
            StopTimer(ref _keepaliveTimer);
            StopTimer(ref _lossProbeTimer);
        }

        /// <summary>Dispatches a fired timer to the table, if it is still this connection's current timer of that kind.</summary>
        public void OnTimer(in Timers.ExpiredTimer expired, Instant now)
        {
            EventContext context = EventContext.ForCall(now);
            switch ((TimerKind)expired.Kind)
            {
                case TimerKind.Retransmit when expired.Handle == _retransmitTimer:
                    _retransmitTimer = TimerHandle.None;
                    Step(RetransmitTimerEvent(now), ref context);
                    break;
                case TimerKind.DelayedAck when expired.Handle == _delayedAckTimer:
                    _delayedAckTimer = TimerHandle.None;
                    // The ACK scheduled by ACCEPT-TEXT under the delayed-ACK rule is now due (MUST-40).
                    _ackNow = true;
                    _engine.MarkReady(this);
                    break;
                case TimerKind.TimeWait when expired.Handle == _timeWaitTimer:
                    _timeWaitTimer = TimerHandle.None;
                    Step(TcpEvent.TimeWaitTimeout, ref context);
                    break;
                case TimerKind.Keepalive when expired.Handle == _keepaliveTimer:
                    _keepaliveTimer = TimerHandle.None;
                    OnKeepAliveTimer(ref context);
                    break;
                case TimerKind.LossProbe when expired.Handle == _lossProbeTimer:
                    _lossProbeTimer = TimerHandle.None;
                    OnLossProbeTimer(now);
                    break;
                case TimerKind.FinWait2 when expired.Handle == _finWait2Timer:
                    _finWait2Timer = TimerHandle.None;
                    Step(TcpEvent.FinWait2Timeout, ref context);
                    break;
                default:
                    break;
            }
        }

        /// <summary>RETRANSMIT-TIMEOUT, or USER-TIMEOUT once retransmissions (or unanswered probes) went on past R2.</summary>
        private TcpEvent RetransmitTimerEvent(Instant now)
        {
            long giveUp = State == TcpState.SynSent
                ? Math.Max(_userTimeout, _engine.Options.ConnectTimeout.Ticks / TimeSpan.TicksPerMicrosecond)
                : _userTimeout;
            if (_persisting)
            {
                // MUST-37: a zero window may stay closed forever while the peer answers the probes; give up only on
                // probes that went unanswered for R2.
                return _probeUnanswered && now.MicrosecondsSince(_probeUnansweredSince) >= giveUp ? TcpEvent.UserTimeout : TcpEvent.RetransmitTimeout;
            }

            return _retransmitting && now.MicrosecondsSince(_retransmittingSince) >= giveUp
                ? TcpEvent.UserTimeout
                : TcpEvent.RetransmitTimeout;
        }

        /// <summary>The latest ICMP error directed to this connection (MUST-54).</summary>
        public IcmpError LastIcmpError { get; private set; }

        /// <summary>
        /// An ICMP error about a segment of ours: taken only if its quoted sequence number is one we sent and is not yet
        /// acknowledged (RFC 5927 4.1 against forged errors), then reported to the user (SHLD-25). It never aborts (MUST-56).
        /// </summary>
        public bool OnIcmpError(in IcmpError error, SeqNum quotedSequence)
        {
            if (Deleted || !_issChosen || quotedSequence < _sndUna || quotedSequence > _sndMax)
            {
                return false;
            }

            LastIcmpError = error;
            _engine.Notify(this, NotificationKind.IcmpError);
            return true;
        }

        /// <summary>Makes the ISS this TCB chooses exceed <paramref name="floor"/> (a new incarnation of a TIME-WAIT connection).</summary>
        public void RequireIssAbove(SeqNum floor)
        {
            _hasIssFloor = true;
            _issFloor = floor;
        }

        /// <summary>Called when the user releases the handle of an orphaned FIN-WAIT-2 connection.</summary>
        public void OnOrphaned(Instant now)
        {
            if (State == TcpState.FinWait2 && _finWait2Timer.IsNone)
            {
                SetTimer(ref _finWait2Timer, TimerKind.FinWait2, now.AddMicroseconds(_engine.Options.FinWait2Timeout.Ticks / TimeSpan.TicksPerMicrosecond));
            }
        }
    }
}
