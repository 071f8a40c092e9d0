using System;
using TcpGen.Runtime.Buffers;
using TcpGen.Runtime.Sequencing;

namespace TcpGen.Runtime.Engine
{
    /// <summary>The DSL's actions (tcp-states.dsl, "Actions"): what each one does to the TCB.</summary>
    internal sealed partial class TcpConnection
    {
        /// <summary>Runs one action of the transition the table returned.</summary>
        private void Execute(TcpAction action, ref EventContext context)
        {
            switch (action)
            {
                case TcpAction.CreateTcb:
                    CreateTcb();
                    break;
                case TcpAction.SendSyn:
                    ChooseIss(context.Now);
                    _engine.MarkReady(this);
                    break;
                case TcpAction.RecordSyn:
                    RecordSyn(context.Segment, context.Now);
                    break;
                case TcpAction.SendSynAck:
                    if (!_issChosen)
                    {
                        ChooseIss(context.Now);
                    }

                    // Simultaneous open: our SYN goes out again, now with the ACK of theirs.
                    _sndNxt = _iss;
                    _engine.MarkReady(this);
                    break;
                case TcpAction.AcceptAck:
                    AcceptAck(ref context);
                    break;
                case TcpAction.SendAck:
                    _ackNow = true;
                    _engine.MarkReady(this);
                    break;
                case TcpAction.SendChallengeAck:
                    SendChallengeAck(context.Now);
                    break;
                case TcpAction.SendRstForSegment:
                    _engine.QueueResetFor(context.Segment);
                    break;
                case TcpAction.SendRst:
                    _engine.QueueReset(Local, Remote, ControlSequence, ResetTimestamps);
                    break;
                case TcpAction.QueueData:
                    QueueData(ref context);
                    break;
                case TcpAction.QueueFin:
                    _finSeq = DataStart + (uint)SendBufferCount;
                    _finQueued = true;
                    _engine.MarkReady(this);
                    break;
                case TcpAction.AcceptText:
                    AcceptText(ref context);
                    break;
                case TcpAction.AcceptFin:
                    _rcvNxt += 1u;
                    _finReceived = true;
                    _finPending = false;
                    _engine.Notify(this, NotificationKind.ReceiveFinished);
                    break;
                case TcpAction.Retransmit:
                    Retransmit(context.Now);
                    break;
                case TcpAction.ResetToListen:
                    ReleaseHalfOpenSlot();
                    _closeAfterStep = true;
                    break;
                case TcpAction.StartFinWait2Timer:
                    StopTimer(ref _retransmitTimer);
                    _persisting = false;
                    if (UserReleased)
                    {
                        OnOrphaned(context.Now);
                    }

                    break;
                case TcpAction.StartTimeWaitTimer:
                    StopAllTimers();
                    _persisting = false;
                    SetTimer(ref _timeWaitTimer, TimerKind.TimeWait, context.Now.AddMicroseconds(2 * (_engine.Options.MaximumSegmentLifetime.Ticks / TimeSpan.TicksPerMicrosecond)));
                    ReleaseBuffersInTimeWait();
                    break;
                case TcpAction.SignalOpen:
                    SignalOpen();
                    StartKeepAliveIfEnabled(context.Now);
                    break;
                case TcpAction.SignalClosed:
                    EndReason = EndReason.Graceful;
                    NotifyClosed();
                    break;
                case TcpAction.SignalReset:
                    EndReason = EndReason.Reset;
                    _engine.Counters.ResetsReceived++;
                    NotifyClosed();
                    break;
                case TcpAction.SignalRefused:
                    EndReason = EndReason.Refused;
                    _engine.Counters.ResetsReceived++;
                    NotifyClosed();
                    break;
                case TcpAction.SignalTimeout:
                    EndReason = EndReason.TimedOut;
                    NotifyClosed();
                    break;
                case TcpAction.ErrorExists:
                    _engine.LastError = TcpError.ConnectionAlreadyExists;
                    break;
                case TcpAction.ErrorNoConnection:
                    _engine.LastError = TcpError.ConnectionDoesNotExist;
                    break;
                case TcpAction.ErrorRemoteUnspecified:
                    _engine.LastError = TcpError.RemoteUnspecified;
                    break;
                case TcpAction.ErrorClosing:
                    _engine.LastError = TcpError.ConnectionClosing;
                    break;
                case TcpAction.DeleteTcb:
                    DeleteTcb(context.Event);
                    break;
                case TcpAction.PassSynToListener:
                    // RFC 9293 3.6.1: the new incarnation's ISS must exceed every sequence number the old one used.
                    _engine.PassSynToListener(ref context, _sndMax);
                    break;
                default:
                    break;
            }
        }

        /// <summary>CREATE-TCB: buffers sized by the options (a listener needs none).</summary>
        private void CreateTcb()
        {
            if (IsListener || _send is not null)
            {
                return;
            }

            TcpEngineOptions options = _engine.Options;
            _send = new SendBuffer(options.SendBufferSize);
            _receive = new ReceiveBuffer(options.ReceiveBufferSize);
        }

        /// <summary>ISS per RFC 6528 (MUST-8, MUST-9); the send sequence starts there and our window scale is offered.</summary>
        private void ChooseIss(Timers.Instant now)
        {
            _iss = _engine.ChooseIss(Local, Remote, now);
            if (_hasIssFloor && _iss <= _issFloor)
            {
                _iss = _issFloor + 1u; // a reopened TIME-WAIT connection (RFC 9293 3.6.1, RFC 6191 2)
            }

            _issChosen = true;
            _sndUna = _iss;
            _sndNxt = _iss;
            _sndMax = _iss;
            _congestion = new CongestionControl(_effectiveMss, _iss.Value);
            ChooseTimestampOffset();
            if (Parent is null)
            {
                // Active open: we offer window scaling; RECORD-SYN turns it off if the peer's SYN,ACK does not echo it.
                _rcvShift = Math.Clamp(_engine.Options.WindowScale, 0, 14);
            }
        }

        /// <summary>RECORD-SYN: IRS, RCV.NXT, the peer's window and options (MSS: MUST-14; scaling: RFC 7323 2.2; timestamps, SACK).</summary>
        private void RecordSyn(in SegmentInfo segment, Timers.Instant now)
        {
            _irs = segment.Sequence;
            _rcvNxt = _irs + 1u;
            _rcvAdvertisedEdge = _rcvNxt;
            _peerMss = segment.MaximumSegmentSize is { } mss && mss > 0 ? mss : DefaultSendMss(Local);
            _effectiveMss = Math.Max(1, Math.Min(_peerMss, _engine.Options.MaxSegmentSize)); // MUST-16
            _congestion.SetMss(_effectiveMss);
            if (segment.WindowScale is { } shift)
            {
                // RFC 7323 2.3: a shift above 14 is taken as 14.
                _sndShift = Math.Min((int)shift, 14);
                _peerOfferedWindowScale = true;
                _rcvShift = Math.Clamp(_engine.Options.WindowScale, 0, 14);
            }
            else
            {
                _sndShift = 0;
                _rcvShift = 0;
            }

            RecordSynTimestamps(segment, now);
            RecordSynSack(segment);
            _sndWnd = segment.Window;
            _maxSndWnd = _sndWnd;
            _sndWl1 = segment.Sequence;
            _sndWl2 = segment.Acknowledgment;
        }

        /// <summary>
        /// ACCEPT-ACK (RFC 9293 3.10.7.4 fifth check): SND.UNA, the send buffer, RTT (Karn, MUST-18), congestion
        /// control (RFC 5681, RFC 6582), the retransmission timer (RFC 6298 5.2, 5.3) and the send window.
        /// </summary>
        private void AcceptAck(ref EventContext context)
        {
            SegmentInfo segment = context.Segment;
            SeqNum ack = segment.Acknowledgment;
            uint windowOffered = segment.IsSyn ? segment.Window : (uint)segment.Window << _sndShift;
            long flight = _sndMax - _sndUna;
            bool advanced = ack > _sndUna;
            bool newlySacked = RecordSackBlocks(segment, advanced ? ack : _sndUna);
            _probeUnanswered = false;
            if (advanced)
            {
                uint acked = ack.DistanceFrom(_sndUna);
                uint dataAcked = acked;
                if (!_synAcked)
                {
                    _synAcked = true;
                    dataAcked--;
                }

                if (_finQueued && !_finAcked && ack > _finSeq)
                {
                    _finAcked = true;
                    dataAcked--;
                }

                if (_send is not null && !_sendDisposed && dataAcked > 0)
                {
                    _send.Discard((int)dataAcked);
                    _engine.Notify(this, NotificationKind.Writable);
                }

                _sndUna = ack;
                bool undone = UndoIfSpurious(segment, ack);
                UrgentAcknowledged();
                if (_sndNxt < _sndUna)
                {
                    _sndNxt = _sndUna;
                }

                SampleRoundTripFromTimestamp(segment, ack, context.Now);
                if (_rttTiming && ack >= _rttSequence)
                {
                    _rttTiming = false;
                    _timestampSampleWanted = false;
                    _rto.AddSample(context.Now.MicrosecondsSince(_rttStart));
                }

                _retransmitting = false;
                _retransmitCount = 0;
                if (undone)
                {
                    _congestion.OnNewAck(acked);
                }
                else if (_congestion.InRecovery)
                {
                    bool partial = _congestion.OnRecoveryAck(ack.Value, acked, flight - acked);
                    // RFC 6582 3.2 step 5 resends the new SND.UNA; SACK recovery resends only what the scoreboard shows
                    // lost (RFC 6675 NextSeg), so a hole already resent, or a segment merely not yet SACKed, is left alone.
                    _retransmitOne |= partial && !_congestion.SackRecovery;
                }
                else
                {
                    _congestion.OnNewAck(acked);
                }

                if (_sndUna == _sndMax)
                {
                    if (!_persisting)
                    {
                        StopTimer(ref _retransmitTimer);
                    }
                }
                else
                {
                    // RFC 6298 5.3: restart the timer so it expires after RTO from now.
                    _persisting = false;
                    SetTimer(ref _retransmitTimer, TimerKind.Retransmit, context.Now.AddMicroseconds(_rto.Current));
                }

                _lossProbeOutstanding = false;

                _engine.MarkReady(this);
            }
            else if (ack == _sndUna && _sndMax > _sndUna && _sndWnd != 0
                && (newlySacked || (segment.PayloadLength == 0 && !segment.IsFin && windowOffered == _sndWnd)))
            {
                // A duplicate ACK in the sense of RFC 5681 2, or of RFC 6675 2 (it SACKs octets not SACKed before, whatever
                // its window or data). An ACK of a closed window answers a probe: no loss signal.
                if (!OnDuplicateAck(flight, ack, context.Now) && _congestion.InRecovery && ResendInRecoveryWasLost(context.Now))
                {
                    // Still a duplicate a round trip after SND.UNA's segment went again: that resend was lost too.
                    _engine.Counters.LostRetransmissions++;
                    _retransmitOne = true;
                }

                _engine.MarkReady(this);
            }

            if (_sndWl1 < segment.Sequence || (_sndWl1 == segment.Sequence && _sndWl2 <= ack))
            {
                bool opened = _sndWnd == 0 && windowOffered > 0;
                _sndWnd = windowOffered;
                _maxSndWnd = Math.Max(_maxSndWnd, windowOffered);
                _sndWl1 = segment.Sequence;
                _sndWl2 = ack;
                if (opened || windowOffered > 0)
                {
                    if (_persisting)
                    {
                        // The window opened while the probe octet went unacknowledged: the closed window dropped it, so it
                        // goes again with the data after it.
                        _persisting = false;
                        _sndNxt = _sndUna;
                        _rto.ClearBackoff();
                        StopTimer(ref _retransmitTimer);
                        if (_sndMax > _sndUna)
                        {
                            SetTimer(ref _retransmitTimer, TimerKind.Retransmit, context.Now.AddMicroseconds(_rto.Current));
                        }
                    }

                    _engine.MarkReady(this);
                }
            }

            if (advanced && newlySacked && !_congestion.InRecovery && SackShowsSndUnaLost && !Deleted)
            {
                // RFC 6675 5 step 2: an ACK that SACKs new data counts even when it also moves SND.UNA; if the scoreboard
                // now shows the new SND.UNA lost, recovery starts here rather than after three more ACKs or an RTO.
                if (OnDuplicateAck(_sndMax - _sndUna, ack, context.Now))
                {
                    _engine.MarkReady(this);
                }
            }

            if (advanced)
            {
                ArmLossProbe(context.Now); // RFC 8985 7.2: after an ACK that advances SND.UNA, with the window it brought
            }
        }

        /// <summary>
        /// Counts a duplicate ACK and, when it is the third or the scoreboard shows SND.UNA lost, enters recovery with a
        /// fast retransmit of SND.UNA (RFC 5681 3.2, RFC 6675 5). SACK recovery when the peer reports blocks; a peer that
        /// agreed to SACK but sends none gets NewReno. True when recovery started.
        /// </summary>
        private bool OnDuplicateAck(long flight, SeqNum ack, Timers.Instant now)
        {
            _engine.Counters.DuplicateAcksReceived++;
            long windowBefore = _congestion.Window;
            long thresholdBefore = _congestion.SlowStartThreshold;
            bool sackRecovery = _sackEnabled && !_scoreboard.IsEmpty;
            if (!_congestion.OnDuplicateAck(flight, ack.Value, _sndMax.Value, sackRecovery, sackRecovery && SackShowsSndUnaLost))
            {
                return false;
            }

            BeginSpuriousCheck(now, windowBefore, thresholdBefore, timeout: false);
            _engine.Counters.FastRetransmits++;
            _retransmitOne = true;
            _rttTiming = false;
            _highestResent = _sndUna; // HighRxt (RFC 6675 5 step 4.1); the resend of SND.UNA moves it
            return true;
        }

        /// <summary>
        /// NewReno cannot see a lost retransmission and waits for the RTO. Without reordering, a duplicate ACK arriving
        /// more than SRTT plus a reordering allowance of SRTT/4 after SND.UNA's segment was resent comes from a segment
        /// sent after it, which the resent segment would have preceded (the time-based rule of RFC 8985 6.2 applied to
        /// the one hole NewReno knows). Resending it once more per round trip costs one segment when the rule is wrong.
        /// </summary>
        private bool ResendInRecoveryWasLost(Timers.Instant now)
        {
            if (!_rto.HasSample || _retransmitOne)
            {
                return false;
            }

            long srtt = _rto.SmoothedRoundTrip;
            long allowance = Math.Max(srtt / 4, RetransmissionTimeout.GranularityMicroseconds);
            return now.MicrosecondsSince(_recoveryResentAt) > srtt + allowance;
        }

        /// <summary>SEND-CHALLENGE-ACK: an ACK, at most <see cref="TcpEngineOptions.ChallengeAckLimitPerSecond"/> per second on this connection (RFC 5961 7).</summary>
        private void SendChallengeAck(Timers.Instant now)
        {
            if (now.MicrosecondsSince(_challengeWindowStart) >= 1_000_000 || now < _challengeWindowStart)
            {
                _challengeWindowStart = now;
                _challengeAcksInWindow = 0;
            }

            if (_challengeAcksInWindow >= _engine.Options.ChallengeAckLimitPerSecond)
            {
                _engine.Counters.ChallengeAcksSuppressed++;
                return;
            }

            _challengeAcksInWindow++;
            _engine.Counters.ChallengeAcksSent++;
            _ackNow = true;
            _engine.MarkReady(this);
        }

        /// <summary>QUEUE-DATA: as much of the user's data as the send buffer takes.</summary>
        private void QueueData(ref EventContext context)
        {
            if (_send is null || _sendDisposed)
            {
                return;
            }

            context.BytesQueued = _send.Enqueue(context.UserData);
            if (context.Urgent)
            {
                MarkUrgent(context.BytesQueued);
            }

            if (context.BytesQueued > 0)
            {
                _engine.MarkReady(this);
            }
        }

        /// <summary>
        /// ACCEPT-TEXT: reassemble (RFC 9293 3.10.7.4 seventh check), deliver in order, and schedule the ACK:
        /// at once for out-of-order or gap-filling data (RFC 5681 4.2), at least every second full-sized segment
        /// (SHLD-19), otherwise after the delayed-ACK timeout (MUST-40). An immediate ACK still owed when the next
        /// segment of a batch arrives leaves first, so these rules hold per segment, not per batch.
        /// </summary>
        private void AcceptText(ref EventContext context)
        {
            if (_receive is null || _receiveDisposed)
            {
                return;
            }

            if (_ackOwedByEarlierSegment && _ackNow && _synAcked && _duplicateAcksOwed == 0)
            {
                // An earlier segment of this batch owes an immediate ACK that has not left yet: send it now, as it stood,
                // so bulk data is acknowledged every second full-sized segment even within a batch (SHLD-19), and the ACK
                // before a new hole is not folded into the duplicate ACKs after it. (Owed duplicate ACKs are counted
                // instead, below.) Segments that owe no immediate ACK still aggregate into one (MUST-58, MUST-59).
                SendOwedAckNow();
            }

            int offset = context.Segment.DataSequence - _rcvNxt;
            ReceiveWriteResult result = _receive.Write(offset, context.Payload);
            if (result.OctetsBeforeNext > 0)
            {
                RememberDuplicate(context.Segment.DataSequence, context.Segment.DataSequence + (uint)result.OctetsBeforeNext);
            }

            bool inOrder = offset <= 0 && result.Advance > 0 && result.Advance <= context.Payload.Length - result.OctetsBeforeNext;
            if (result.Advance > 0)
            {
                _rcvNxt += (uint)result.Advance;
                _duplicateAcksOwed = 0; // the ACK of the new RCV.NXT supersedes them
                _engine.Notify(this, NotificationKind.Readable);
            }
            else if (offset > 0)
            {
                // Out of order (RFC 5681 4.2): an immediate duplicate ACK for each such segment, even when several are
                // processed together, so the sender's fast retransmit counts them (RFC 5681 3.2).
                _duplicateAcksOwed++;
            }

            if (!inOrder || result.OctetsBeforeNext > 0)
            {
                _ackNow = true;
                _engine.MarkReady(this);
                return;
            }

            _unacknowledgedOctets += result.Advance;
            long delay = _engine.Options.DelayedAckTimeout.Ticks / TimeSpan.TicksPerMicrosecond;
            if (_unacknowledgedOctets >= 2 * _effectiveMss || delay == 0)
            {
                _ackNow = true;
                _engine.MarkReady(this);
            }
            else if (_delayedAckTimer.IsNone)
            {
                SetTimer(ref _delayedAckTimer, TimerKind.DelayedAck, context.Now.AddMicroseconds(delay));
            }
        }

        /// <summary>
        /// RETRANSMIT: after an RTO, back off (RFC 6298 5.5), shrink cwnd to the loss window (RFC 5681 3.1) and go back
        /// to SND.UNA; while the window is closed, send a zero-window probe instead and back off the persist timer
        /// (MUST-35, MUST-36).
        /// </summary>
        private void Retransmit(Timers.Instant now)
        {
            _rttTiming = false; // Karn (MUST-18): no sample from a retransmitted segment
            NoteResendForTimestampSample(now);
            StopTimer(ref _lossProbeTimer);
            _lossProbeDue = false;
            _rto.BackOff();
            _sndNxt = _sndUna;
            _scoreboard.Clear(); // RFC 2018 8, RFC 6675 5.1: the receiver may have reneged; go back to SND.UNA
            if (!_persisting && _synAcked && _sndWnd == 0)
            {
                // The peer shrank its window to zero under data in flight (MUST-34): probe it in the standard way
                // (MUST-35) instead of retransmitting into it; while the probes are answered the connection stays (MUST-37).
                _persisting = true;
                _retransmitting = false;
                _retransmitCount = 0;
            }

            if (_persisting)
            {
                _forceProbe = true;
                _engine.Counters.WindowProbes++;
                if (!_probeUnanswered)
                {
                    _probeUnanswered = true;
                    _probeUnansweredSince = now;
                }

            }
            else
            {
                _engine.Counters.RetransmissionTimeouts++;
                BeginSpuriousCheck(now, _congestion.Window, _congestion.SlowStartThreshold, timeout: true);
                _congestion.OnTimeout(_sndMax - _sndUna, _sndMax.Value);
                if (!_retransmitting)
                {
                    _retransmitting = true;
                    _retransmittingSince = now;
                }

                _retransmitCount++;
                if (_retransmitCount == _engine.Options.RetransmissionsBeforeAdvice)
                {
                    // R1 (MUST-20): the network may be in trouble; TCP has no IP layer to advise, so it tells the user.
                    _engine.Notify(this, NotificationKind.DeliveryProblem);
                }
            }

            SetTimer(ref _retransmitTimer, TimerKind.Retransmit, now.AddMicroseconds(_rto.Current));
            _engine.MarkReady(this);
        }

        /// <summary>SIGNAL-OPEN: a passive child joins its listener's accept queue; an active open is told it is connected.</summary>
        private void SignalOpen()
        {
            ReleaseHalfOpenSlot();
            if (Parent is { } listener)
            {
                if (!listener.Deleted && listener.AcceptQueue is { } queue)
                {
                    InAcceptQueue = true;
                    queue.Enqueue(Index);
                    _engine.Notify(listener, NotificationKind.AcceptReady);
                }

                return;
            }

            _engine.Notify(this, NotificationKind.Connected);
        }

        /// <summary>This child no longer counts against the SYN backlog.</summary>
        private void ReleaseHalfOpenSlot()
        {
            if (_countedHalfOpen && Parent is { } listener)
            {
                _countedHalfOpen = false;
                listener.HalfOpenCount--;
            }
        }

        /// <summary>Counts this new child against the SYN backlog.</summary>
        public void CountHalfOpen()
        {
            if (Parent is { } listener)
            {
                _countedHalfOpen = true;
                listener.HalfOpenCount++;
            }
        }

        /// <summary>
        /// DELETE-TCB: timers and the 4-tuple go; the send queue is flushed; received data stays readable after a
        /// graceful end and is flushed after a reset, abort or timeout (RFC 9293 3.10.7.4: "segment queues flushed").
        /// </summary>
        private void DeleteTcb(TcpEvent cause)
        {
            if (EndReason == EndReason.None)
            {
                EndReason = cause switch
                {
                    TcpEvent.Abort => EndReason.Aborted,
                    TcpEvent.FinWait2Timeout or TcpEvent.UserTimeout or TcpEvent.KeepaliveTimeout => EndReason.TimedOut,
                    _ => EndReason.Graceful,
                };
            }

            StopAllTimers();
            ReleaseHalfOpenSlot();
            _ackNow = false;
            _duplicateAcksOwed = 0;
            _lossProbeDue = false;
            _retransmitOne = false;
            _forceProbe = false;
            Deleted = true;
            DisposeSendBuffer();
            if (EndReason != EndReason.Graceful)
            {
                DisposeReceiveBuffer();
            }

            NotifyClosed();
            _engine.OnDeleted(this);
        }

        /// <summary>Sequence number of the first octet in the send buffer.</summary>
        private SeqNum DataStart => !_synAcked ? _iss + 1u : _finAcked ? _finSeq : _sndUna;
    }
}
