using System;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Sequencing;
using TcpGen.Runtime.Timers;

namespace TcpGen.Runtime.Engine
{
    /// <summary>
    /// Segment output: built on demand straight into the caller's buffer. One call makes at most one segment: our
    /// SYN or SYN,ACK, else data (and FIN) as the windows, Nagle and sender SWS avoidance allow, else a pure ACK.
    /// An ACK owed for several received in-order segments leaves as one (MUST-58, MUST-59); each out-of-order segment
    /// gets its own bare duplicate ACK (RFC 5681 4.2), which fast retransmit at the sender counts.
    /// </summary>
    internal sealed partial class TcpConnection
    {
        /// <summary>Writes the next segment this connection wants to send; false when it has nothing to send now.</summary>
        public bool TryWriteSegment(Span<byte> destination, Instant now, out int length)
        {
            length = 0;
            TcpState state = State;
            if (Deleted || state is TcpState.Closed or TcpState.Listen)
            {
                return false;
            }

            if (!_synAcked)
            {
                // Our SYN is unacknowledged: nothing but the SYN (or SYN,ACK) can go out. An ACK owed in SYN-RECEIVED
                // is best given as the SYN,ACK again.
                bool resend = _sndNxt == _iss || (_ackNow && state != TcpState.SynSent);
                _ackNow = false;
                return resend && WriteSyn(destination, now, out length);
            }

            if (_duplicateAcksOwed > 0)
            {
                // Owed duplicate ACKs go first and bare: a duplicate riding on data does not count as one (RFC 5681 2).
                _duplicateAcksOwed--;
                length = WriteControl(destination, TcpFlags.Ack, ControlSequence);
                if (length > 0)
                {
                    return true;
                }
            }

            if (_retransmitOne && WriteFastRetransmission(destination, now, out length))
            {
                return true;
            }

            if (_congestion.SackRecovery && WriteSackRetransmission(destination, now, out length))
            {
                return true;
            }

            if (_lossProbeDue && WriteLossProbe(destination, now, out length))
            {
                return true;
            }

            if (WriteData(destination, now, out length))
            {
                return true;
            }

            if (TryWriteKeepAliveProbe(destination, out length))
            {
                return true;
            }

            if (_ackNow)
            {
                length = WriteControl(destination, TcpFlags.Ack, ControlSequence);
                return length > 0;
            }

            return false;
        }

        /// <summary>SYN (SYN-SENT) or SYN,ACK: MSS always (MUST-14), window scale when offered or echoed (RFC 7323 2.2).</summary>
        private bool WriteSyn(Span<byte> destination, Instant now, out int length)
        {
            bool isSynAck = State != TcpState.SynSent;
            var options = new TcpOptions { MaximumSegmentSize = (ushort)Math.Min(_engine.Options.MaxSegmentSize, ushort.MaxValue) };
            if (!isSynAck || _peerOfferedWindowScale)
            {
                // Offered on an active open; on a SYN,ACK only as the answer to the peer's offer (RFC 7323 1.3).
                options.WindowScale = (byte)_rcvShift;
            }

            options.SackPermitted = OfferSackPermitted(isSynAck);

            bool retransmission = _sndMax > _iss;
            length = Build(destination, isSynAck ? TcpFlags.Syn | TcpFlags.Ack : TcpFlags.Syn, _iss, options, 0, 0);
            if (length == 0)
            {
                return false;
            }

            if (retransmission)
            {
                _engine.Counters.Retransmissions++;
            }

            _sndNxt = _iss + 1u;
            if (_sndMax < _sndNxt)
            {
                _sndMax = _sndNxt;
            }

            AfterSend(now, _iss, 1, retransmission);
            return true;
        }

        /// <summary>Fast retransmit / NewReno partial ACK: the segment at SND.UNA again, whatever the windows say (RFC 5681 3.2 step 2).</summary>
        private bool WriteFastRetransmission(Span<byte> destination, Instant now, out int length)
        {
            _retransmitOne = false;
            length = 0;
            int queued = SendBufferCount;
            int count = Math.Min(queued, _effectiveMss);
            bool fin = _finQueued && count == queued && _sndMax > _finSeq;
            if (count == 0 && !fin)
            {
                return false;
            }

            length = BuildData(destination, _sndUna, 0, count, fin, count == queued);
            if (length == 0)
            {
                return false;
            }

            _engine.Counters.Retransmissions++;
            _recoveryResentAt = now;
            NoteResendForTimestampSample(now);
            if (_sndUna + (uint)count > _highestResent)
            {
                _highestResent = _sndUna + (uint)count;
            }

            AfterSend(now, _sndUna, count + (fin ? 1 : 0), retransmission: true);
            return true;
        }

        /// <summary>
        /// New data (or data again after a timeout) from SND.NXT: at most the effective MSS, within min(SND.WND, cwnd)
        /// less the flight (a shrunk window just means nothing is sent, MUST-34), sent only when sender SWS
        /// avoidance and Nagle agree (MUST-38, RFC 9293 3.7.4); the FIN rides on the last segment. When data waits
        /// behind a closed window with nothing in flight, the persist timer starts (MUST-35, MUST-36).
        /// </summary>
        private bool WriteData(Span<byte> destination, Instant now, out int length)
        {
            length = 0;
            int queued = SendBufferCount;
            SeqNum dataStart = DataStart;
            long sentOffset = _sndNxt - dataStart;
            long available = Math.Max(0, queued - sentOffset);
            long flight = _sndNxt - _sndUna;
            bool resending = _sndNxt < _sndMax;
            // Limited transmit (RFC 3042) widens cwnd for new data only, never for data sent again after an RTO.
            long congestionWindow = resending ? _congestion.Window : _congestion.SendWindow;
            // In SACK recovery the octets presumed in the network (pipe) count against cwnd, not the whole flight (RFC 6675 5).
            long inNetwork = _congestion.SackRecovery ? SackPipe : flight;
            long usable = Math.Max(0, Math.Min(_sndWnd - flight, congestionWindow - inNetwork));
            int count = (int)Math.Min(available, Math.Min(usable, _effectiveMss));
            bool forced = false;
            if (_forceProbe)
            {
                _forceProbe = false;
                if (available > 0)
                {
                    // The persist timer fired. A zero window is probed with one octet (MUST-36); a window too small for
                    // the SWS rules gets what fits, the override timeout of RFC 9293 3.8.6.2.1 (4) (MUST-60).
                    count = Math.Max(count, 1);
                    forced = true;
                }
            }

            bool idle = flight == 0;
            bool finNext = _finQueued && _sndNxt + (uint)count == _finSeq && count == available;
            bool send = count > 0 && (count >= _effectiveMss
                || resending
                || forced
                || ((_noDelay || idle) && (count == available || count >= _maxSndWnd / 2)));
            if (!send && !(finNext && (count == 0 || _noDelay || idle || resending)))
            {
                if (available > 0 && idle && _retransmitTimer.IsNone && (_sndWnd == 0 || usable < available))
                {
                    // Closed (or too small) window with nothing in flight: the persist timer, doubling like the RTO.
                    _persisting = true;
                    SetTimer(ref _retransmitTimer, TimerKind.Retransmit, now.AddMicroseconds(_rto.Current));
                }

                return false;
            }

            bool push = count > 0 && sentOffset + count == queued; // MUST-61: PSH on the last buffered segment
            length = BuildData(destination, _sndNxt, (int)sentOffset, count, finNext, push);
            if (length == 0)
            {
                return false;
            }

            SeqNum start = _sndNxt;
            _sndNxt += (uint)(count + (finNext ? 1 : 0));
            if (_sndMax < _sndNxt)
            {
                _sndMax = _sndNxt;
            }

            if (resending)
            {
                _engine.Counters.Retransmissions++;
            }
            else if (!_congestion.InRecovery && flight + count > _congestion.Window)
            {
                _congestion.OnLimitedTransmit(flight + count - Math.Max(flight, _congestion.Window));
            }

            AfterSend(now, start, count + (finNext ? 1 : 0), resending);
            return true;
        }

        /// <summary>Bookkeeping after any segment that occupies sequence space: RTT timing, retransmission timer, owed ACK.</summary>
        private void AfterSend(Instant now, SeqNum start, int sequenceLength, bool retransmission)
        {
            if (!retransmission && !_rttTiming && sequenceLength > 0)
            {
                _rttTiming = true;
                _rttSequence = start + (uint)sequenceLength;
                _rttStart = now;
            }

            if (_retransmitTimer.IsNone)
            {
                // RFC 6298 5.1: start the timer when a segment with data is sent and it is not running.
                SetTimer(ref _retransmitTimer, TimerKind.Retransmit, now.AddMicroseconds(_rto.Current));
            }

            if (!retransmission && sequenceLength > 0)
            {
                ArmLossProbe(now); // RFC 8985 7.2: after new data is sent
            }

            AckSent();
        }

        /// <summary>Every segment carries the ACK: nothing is owed any more.</summary>
        private void AckSent()
        {
            _ackNow = false;
            _unacknowledgedOctets = 0;
            StopTimer(ref _delayedAckTimer);
        }

        /// <summary>
        /// SEG.SEQ of a segment without text (ACK, RST): RFC 9293's SND.NXT, which is our SND.MAX (our SND.NXT may have
        /// gone back to SND.UNA after an RTO, and a sequence number below the peer's RCV.NXT makes the segment
        /// unacceptable there: answered with an ACK, its acknowledgment ignored). It is held to the right edge of the
        /// peer's window, SND.UNA + SND.WND, so that a zero-window probe octet the peer did not take, or data past a
        /// window it shrank, does not put it outside that window either (where a zero window accepts only RCV.NXT).
        /// </summary>
        internal SeqNum ControlSequence
        {
            get
            {
                SeqNum windowEdge = _sndUna + _sndWnd;
                return _synAcked && windowEdge < _sndMax ? windowEdge : _sndMax;
            }
        }

        /// <summary>Builds the owed pure ACK into the engine's early-ACK queue at once (see ACCEPT-TEXT).</summary>
        private void SendOwedAckNow()
        {
            int length = WriteControl(_engine.EarlyAckSlot(), TcpFlags.Ack, ControlSequence);
            if (length > 0)
            {
                _engine.CommitEarlyAck(length);
            }
        }

        /// <summary>A segment with no text: ACK, or an ACK with another control bit.</summary>
        private int WriteControl(Span<byte> destination, TcpFlags flags, SeqNum sequence)
        {
            int length = Build(destination, flags, sequence, default, 0, 0);
            if (length > 0)
            {
                AckSent();
            }

            return length;
        }

        /// <summary>A data segment from the send buffer.</summary>
        private int BuildData(Span<byte> destination, SeqNum sequence, int offset, int count, bool fin, bool push)
        {
            TcpFlags flags = TcpFlags.Ack | (fin ? TcpFlags.Fin : 0) | (push ? TcpFlags.Psh : 0);
            return Build(destination, flags, sequence, default, offset, count);
        }

        /// <summary>Writes one segment with our window and RCV.NXT; returns its length, or 0 when it does not fit.</summary>
        private int Build(Span<byte> destination, TcpFlags flags, SeqNum sequence, TcpOptions options, int dataOffset, int dataCount)
        {
            ReadOnlySpan<byte> first = default;
            ReadOnlySpan<byte> second = default;
            if (dataCount > 0 && _send is not null && !_sendDisposed)
            {
                dataCount = _send.GetPieces(dataOffset, dataCount, out first, out second);
            }

            bool isSyn = (flags & TcpFlags.Syn) != 0;
            bool isAck = (flags & TcpFlags.Ack) != 0;
            AddTimestamps(ref options, flags);
            if (isAck && !isSyn && dataCount == 0)
            {
                AddSackBlocks(ref options);
            }

            if (isAck)
            {
                _lastAckSent = _rcvNxt; // Last.ACK.sent (RFC 7323 4.3)
            }

            ushort urgentPointer = UrgentPointerFor(sequence, ref flags);
            var segment = new OutgoingSegment
            {
                Source = Local.Address,
                Destination = Remote.Address,
                SourcePort = Local.Port,
                DestinationPort = Remote.Port,
                SequenceNumber = sequence.Value,
                AcknowledgmentNumber = isAck ? _rcvNxt.Value : 0,
                Flags = flags,
                Window = AdvertiseWindow(isSyn),
                UrgentPointer = urgentPointer,
                Options = options,
                HopLimit = _engine.Options.HopLimit,
                TrafficClass = TrafficClass,
            };
            if (!SegmentBuilder.TryWrite(destination, segment, first, second, out int written))
            {
                return 0;
            }

            _engine.Counters.SegmentsSent++;
            return written;
        }

        /// <summary>IP traffic class (DSCP) of this connection's segments (MUST-48).</summary>
        public byte TrafficClass { get; set; }

        /// <summary>
        /// The window field to send. The right edge moves right only by at least min(buffer / 2, MSS) (receiver SWS
        /// avoidance, MUST-39) and never moves left (SHLD-14); SYN windows are never scaled (RFC 7323 2.2).
        /// </summary>
        private ushort AdvertiseWindow(bool isSyn)
        {
            if (_receive is null || _receiveDisposed)
            {
                return 0;
            }

            SeqNum bufferEdge = _rcvNxt + (uint)_receive.Window;
            SeqNum edge = _rcvAdvertisedEdge;
            if (bufferEdge > edge && (bufferEdge - edge >= ReceiverSwsThreshold || edge <= _rcvNxt && _receive.ReadableCount == 0))
            {
                edge = bufferEdge;
            }

            if (edge < _rcvNxt)
            {
                edge = _rcvNxt;
            }

            uint window = edge.DistanceFrom(_rcvNxt);
            int shift = isSyn ? 0 : _rcvShift;
            uint field = Math.Min(window >> shift, (uint)ushort.MaxValue);
            if (field < ushort.MaxValue && _rcvNxt + (field << shift) < _rcvAdvertisedEdge
                && _rcvNxt + ((field + 1) << shift) <= bufferEdge + ((1u << shift) - 1))
            {
                // Scaling rounds down; round up instead when rounding down would move the advertised edge left (SHLD-14).
                // The edge may then pass the buffer's by less than one scaling unit, never more (no creeping): when it
                // cannot, only that over-committed part is retracted (RFC 7323 2.4), never the edge of the buffer.
                field++;
            }

            SeqNum advertised = _rcvNxt + (field << shift);
            if (advertised > _rcvAdvertisedEdge)
            {
                _rcvAdvertisedEdge = advertised;
            }

            return (ushort)field;
        }

        /// <summary>Receiver SWS threshold: min(Fr x RCV.BUFF, Eff.snd.MSS) with Fr = 1/2 (RFC 9293 3.8.6.2.2).</summary>
        private int ReceiverSwsThreshold => Math.Max(1, Math.Min((_receive?.Capacity ?? 0) / 2, _effectiveMss));

        /// <summary>After a Read: a window update is owed when the edge can move by the SWS threshold and the window had got small.</summary>
        private bool WindowUpdateWorthSending()
        {
            if (_receive is null || State is TcpState.Closed or TcpState.Listen or TcpState.SynSent)
            {
                return false;
            }

            SeqNum bufferEdge = _rcvNxt + (uint)_receive.Window;
            uint advertised = ReceiveWindow;
            return bufferEdge > _rcvAdvertisedEdge
                && bufferEdge - _rcvAdvertisedEdge >= ReceiverSwsThreshold
                && advertised < (uint)_receive.Capacity / 2;
        }
    }
}
