using TcpGen.Runtime.Sequencing;

namespace TcpGen.Runtime.Engine
{
    /// <summary>
    /// Segment arrival: RFC 9293 3.10.7 turned into DSL events. Checks run in the RFC's order (sequence
    /// acceptability, RST, SYN, ACK, text, FIN); each event goes through <see cref="Step"/> in the state the
    /// previous one left, and processing stops when an event ends it (RST, SYN, unacceptable, bad ACK, TCB deleted).
    /// </summary>
    internal sealed partial class TcpConnection
    {
        /// <summary>The event a segment makes for a TCB in CLOSED (RFC 9293 3.10.7.1): only the reset rule depends on it.</summary>
        public static TcpEvent ClassifyWithoutConnection(in SegmentInfo segment)
        {
            if (segment.IsRst)
            {
                return TcpEvent.RcvRst;
            }

            if (segment.IsSyn)
            {
                return segment.IsAck ? TcpEvent.RcvSynAck : TcpEvent.RcvSyn;
            }

            if (segment.IsAck)
            {
                return TcpEvent.RcvAck;
            }

            return segment.PayloadLength > 0 ? TcpEvent.RcvText : segment.IsFin ? TcpEvent.RcvFin : TcpEvent.RcvUnacceptable;
        }

        /// <summary>The event a segment makes in LISTEN (RFC 9293 3.10.7.2): RST first, then any ACK, then SYN.</summary>
        public static TcpEvent ClassifyAtListener(in SegmentInfo segment)
        {
            if (segment.IsRst)
            {
                return TcpEvent.RcvRst;
            }

            if (segment.IsAck)
            {
                return segment.IsSyn ? TcpEvent.RcvSynAck : TcpEvent.RcvBadAck;
            }

            if (segment.IsSyn)
            {
                return TcpEvent.RcvSyn;
            }

            return segment.PayloadLength > 0 ? TcpEvent.RcvText : segment.IsFin ? TcpEvent.RcvFin : TcpEvent.RcvUnacceptable;
        }

        /// <summary>Processes one arriving segment addressed to this TCB.</summary>
        public void ProcessSegment(ref EventContext context)
        {
            _ackOwedByEarlierSegment = _ackNow;
            switch (State)
            {
                case TcpState.Closed:
                    Step(ClassifyWithoutConnection(context.Segment), ref context);
                    return;
                case TcpState.Listen:
                    Step(ClassifyAtListener(context.Segment), ref context);
                    return;
                case TcpState.SynSent:
                    ProcessInSynSent(ref context);
                    return;
                default:
                    PeerHeardFrom(context.Now);
                    ProcessInSynchronized(ref context);
                    return;
            }
        }

        /// <summary>RFC 9293 3.10.7.3.</summary>
        private void ProcessInSynSent(ref EventContext context)
        {
            SegmentInfo segment = context.Segment;
            if (segment.IsAck && (segment.Acknowledgment <= _iss || segment.Acknowledgment > _sndMax))
            {
                // First check: an ACK of something we never sent. A RST carrying it is dropped.
                Step(segment.IsRst ? TcpEvent.RcvRstStray : TcpEvent.RcvBadAck, ref context);
                return;
            }

            if (segment.IsRst)
            {
                // Second check: a RST is honoured only with an acceptable ACK (RFC 5961 3.2 leaves SYN-SENT as is).
                Step(segment.IsAck ? TcpEvent.RcvRst : TcpEvent.RcvRstStray, ref context);
                return;
            }

            if (segment.IsSyn)
            {
                if (!segment.IsAck)
                {
                    // Simultaneous open (MUST-10); text waits for a retransmission after ESTABLISHED.
                    Step(TcpEvent.RcvSyn, ref context);
                    return;
                }

                Step(TcpEvent.RcvSynAck, ref context);
                if (State == TcpState.Established)
                {
                    // "Continue processing at the sixth step": text and FIN carried by the SYN,ACK.
                    ProcessTextAndFin(ref context);
                }

                return;
            }

            // Fifth check: neither SYN nor RST: drop.
            Step(segment.IsAck ? TcpEvent.RcvAck : ClassifyWithoutConnection(segment), ref context);
        }

        /// <summary>RFC 9293 3.10.7.4 for SYN-RECEIVED and the synchronized states.</summary>
        private void ProcessInSynchronized(ref EventContext context)
        {
            SegmentInfo segment = context.Segment;
            if (State == TcpState.TimeWait && segment.IsSyn && !segment.IsAck && !segment.IsRst && OpensNewIncarnation(segment))
            {
                // RFC 9293 3.6.1 (MAY-2), RFC 6191: a SYN that cannot be an old duplicate of this incarnation may open
                // a new one (before the window test, which a new ISN rarely passes).
                Step(TcpEvent.RcvSynNewIncarnation, ref context);
                return;
            }

            if (!PassesTimestampChecks(ref context))
            {
                return;
            }

            if (State == TcpState.SynReceivedActive && segment.IsSyn && segment.IsAck && !segment.IsRst
                && segment.Sequence == _irs && segment.Acknowledgment > _sndUna && segment.Acknowledgment <= _sndMax)
            {
                // Simultaneous open (RFC 9293 Figure 8): the peer's SYN,ACK repeats its SYN's sequence number.
                Step(TcpEvent.RcvSynAck, ref context);
                return;
            }

            uint window = ReceiveWindow;
            bool onlyControlsAcceptable = false;
            // A retransmission of the peer's FIN ends exactly at RCV.NXT: it is old, yet the eighth check must see it
            // (acknowledge it again; in TIME-WAIT restart the 2 x MSL wait).
            bool retransmittedFin = _finReceived && segment.IsFin && !segment.IsSyn && !segment.IsRst
                && segment.Sequence + segment.SequenceLength == _rcvNxt;
            // A bare ACK exactly at the right edge of the window we offered: a peer that filled that window sends its
            // ACKs with SEG.SEQ = its SND.NXT = our edge, one past what Table 6 of RFC 9293 3.10.7.4 accepts (Linux's
            // sequence check takes it). Its ACK is valid and is taken, not answered: answering would send the peer a
            // duplicate ACK that its fast retransmit counts (RFC 5681 2; Linux then sees "reordering" and stops fast
            // retransmitting), and ignoring it leaves SND.UNA behind, so we resend acknowledged data until the
            // peer's data moves RCV.NXT.
            bool bareAckAtRightEdge = segment.SequenceLength == 0 && segment.IsAck && !segment.IsRst
                && segment.Sequence == _rcvNxt + window;
            if (!retransmittedFin && !bareAckAtRightEdge && !SegmentAcceptability.IsAcceptable(segment.Sequence, segment.SequenceLength, _rcvNxt, window))
            {
                if (segment.IsRst)
                {
                    Step(TcpEvent.RcvRstStray, ref context);
                    return;
                }

                // MUST-66: with a zero window, the ACK (and URG, RST) of a segment at RCV.NXT still count.
                if (window == 0 && segment.Sequence == _rcvNxt && segment.IsAck && !segment.IsSyn)
                {
                    onlyControlsAcceptable = true;
                }
                else
                {
                    if (segment.PayloadLength > 0 && segment.DataSequence + (uint)segment.PayloadLength <= _rcvNxt)
                    {
                        // Text we already have: the ACK that answers it reports it in a D-SACK block (RFC 2883 4).
                        RememberDuplicate(segment.DataSequence, segment.DataSequence + (uint)segment.PayloadLength);
                    }

                    Step(TcpEvent.RcvUnacceptable, ref context);
                    return;
                }
            }

            if (segment.IsRst)
            {
                // RFC 5961 3.2 (RFC 9293 second check): only an exact RST resets; an in-window one is challenged.
                Step(segment.Sequence == _rcvNxt ? TcpEvent.RcvRst : TcpEvent.RcvRstInWindow, ref context);
                return;
            }

            if (segment.IsSyn)
            {
                // Fourth check (RFC 5961 4.2): a SYN in a synchronized state draws a challenge ACK.
                Step(segment.IsAck ? TcpEvent.RcvSynAck : TcpEvent.RcvSyn, ref context);
                return;
            }

            if (!segment.IsAck)
            {
                // Fifth check: "if the ACK bit is off, drop the segment and return".
                _engine.Counters.SegmentsWithoutAck++;
                return;
            }

            SeqNum ack = segment.Acknowledgment;
            bool isSynReceived = State is TcpState.SynReceivedPassive or TcpState.SynReceivedActive;
            bool acceptable = isSynReceived
                ? ack > _sndUna && ack <= _sndMax
                : ack <= _sndMax && ack >= _sndUna - _maxSndWnd; // RFC 5961 5.2
            if (!acceptable)
            {
                Step(TcpEvent.RcvBadAck, ref context);
                return;
            }

            Step(AcknowledgesFin(ack) ? TcpEvent.RcvAckOfFin : TcpEvent.RcvAck, ref context);
            if (Deleted)
            {
                return;
            }

            ProcessUrgent(segment);
            if (onlyControlsAcceptable)
            {
                // The text did not fit the zero window: answer as for an unacceptable segment.
                Step(TcpEvent.RcvUnacceptable, ref context);
                return;
            }

            ProcessTextAndFin(ref context);
        }

        /// <summary>Seventh and eighth checks: segment text, then FIN.</summary>
        private void ProcessTextAndFin(ref EventContext context)
        {
            SegmentInfo segment = context.Segment;
            if (segment.PayloadLength > 0)
            {
                Step(TcpEvent.RcvText, ref context);
                if (Deleted)
                {
                    return;
                }
            }

            if (segment.IsFin)
            {
                SeqNum finSequence = segment.DataSequence + (uint)segment.PayloadLength;
                if (_finReceived || finSequence == _rcvNxt)
                {
                    // In order, or a retransmission of a FIN already taken (acknowledged again).
                    Step(TcpEvent.RcvFin, ref context);
                    return;
                }

                if (finSequence > _rcvNxt)
                {
                    _finPending = true;
                    _pendingFinSeq = finSequence;
                }

                return;
            }

            if (_finPending && !_finReceived && _pendingFinSeq == _rcvNxt)
            {
                // Reassembly reached a FIN that had arrived out of order.
                Step(TcpEvent.RcvFin, ref context);
            }
        }

        /// <summary>
        /// A SYN in TIME-WAIT that is no old duplicate (RFC 6191 2): a sequence number above the old RCV.NXT, or, with
        /// timestamps on both the old incarnation and the SYN, a TSval above TS.Recent; a TSval below it is an old
        /// duplicate whatever its sequence number (PAWS). Either test suffices, as in Linux: a client that reconnects
        /// within the same millisecond sends a TSval equal to TS.Recent, and its sequence number then decides.
        /// </summary>
        private bool OpensNewIncarnation(in SegmentInfo segment)
        {
            if (_timestampsEnabled && segment.Timestamps is { } timestamps)
            {
                if (IsTimestampBefore(timestamps.Value, _timestampRecent))
                {
                    return false;
                }

                return segment.Sequence > _rcvNxt || IsTimestampBefore(_timestampRecent, timestamps.Value);
            }

            return segment.Sequence > _rcvNxt;
        }

        /// <summary>True when <paramref name="ack"/> covers our FIN.</summary>
        private bool AcknowledgesFin(SeqNum ack) => _finQueued && _sndMax > _finSeq && ack > _finSeq;

        /// <summary>RCV.WND: what is left of the window we advertised.</summary>
        private uint ReceiveWindow => _rcvAdvertisedEdge > _rcvNxt ? _rcvAdvertisedEdge.DistanceFrom(_rcvNxt) : 0u;
    }
}
