using System;
using TcpGen.Runtime.Sequencing;
using TcpGen.Runtime.Timers;

namespace TcpGen.Runtime.Engine
{
    /// <summary>
    /// Tail loss probes (RFC 8985 7): when a flight goes unanswered for about two round trips, one segment goes out
    /// before the RTO would fire, so that its ACK (a cumulative ACK, or a duplicate that fast retransmit counts) shows
    /// what was lost instead of a 200 ms or longer timeout. With few segments in flight, or when the last ACK of a
    /// flight is lost, three duplicate ACKs never come; the probe often brings them. Nothing here changes the state.
    /// </summary>
    internal sealed partial class TcpConnection
    {
        /// <summary>Worst-case delayed-ACK time of the peer added when one segment is in flight (RFC 8985 7.2 WCDelAckT).</summary>
        private const long WorstCaseDelayedAckMicroseconds = 200_000;

        /// <summary>The probe timeout (PTO) timer.</summary>
        private TimerHandle _lossProbeTimer;

        /// <summary>The PTO fired: the next output is the probe.</summary>
        private bool _lossProbeDue;

        /// <summary>A probe went out and no ACK has advanced SND.UNA since: one probe per tail (RFC 8985 7.2).</summary>
        private bool _lossProbeOutstanding;

        /// <summary>
        /// Schedules the PTO after new data left or an ACK advanced SND.UNA (RFC 8985 7.2): 2 x SRTT, plus the peer's
        /// delayed-ACK allowance when one segment is in flight; not while the RTO would fire first, while resending after
        /// an RTO, while persisting or the peer's window is closed, or while a probe is unanswered. Unlike RFC 8985, which has SACK, it runs in fast
        /// recovery too: without SACK a lost retransmission is seen only through duplicate ACKs that arrive a round trip
        /// after it (<see cref="ResendInRecoveryWasLost"/>), and in a small window only a probe brings them.
        /// </summary>
        private void ArmLossProbe(Instant now)
        {
            long flight = _sndMax - _sndUna;
            if (!_engine.Options.TailLossProbes || !_rto.HasSample || flight <= 0 || _persisting || _retransmitting || _sndWnd == 0
                || _lossProbeOutstanding || _sndNxt != _sndMax || Deleted)
            {
                StopTimer(ref _lossProbeTimer);
                return;
            }

            long timeout = 2 * _rto.SmoothedRoundTrip;
            if (flight <= _effectiveMss)
            {
                timeout += WorstCaseDelayedAckMicroseconds;
            }

            if (timeout >= _rto.Current)
            {
                StopTimer(ref _lossProbeTimer); // the RTO comes first anyway
                return;
            }

            SetTimer(ref _lossProbeTimer, TimerKind.LossProbe, now.AddMicroseconds(Math.Max(timeout, RetransmissionTimeout.GranularityMicroseconds)));
        }

        /// <summary>The PTO fired: the probe goes at the next output, and the RTO is restarted behind it (RFC 8985 7.3).</summary>
        private void OnLossProbeTimer(Instant now)
        {
            if (Deleted || _persisting || _retransmitting || _sndWnd == 0 || _sndMax == _sndUna || _sndNxt != _sndMax)
            {
                return; // nothing to probe, or a closed window the persist timer watches (MUST-35)
            }

            _lossProbeDue = true;
            _lossProbeOutstanding = true;
            _engine.Counters.LossProbes++;
            SetTimer(ref _retransmitTimer, TimerKind.Retransmit, now.AddMicroseconds(_rto.Current));
            _engine.MarkReady(this);
        }

        /// <summary>
        /// The probe (RFC 8985 7.3): the next new segment if there is one and the peer's window takes it (cwnd does not
        /// hold a probe back), otherwise the last segment sent, again.
        /// </summary>
        private bool WriteLossProbe(Span<byte> destination, Instant now, out int length)
        {
            _lossProbeDue = false;
            length = 0;
            if (_sndNxt != _sndMax || _sndMax == _sndUna)
            {
                return false;
            }

            int queued = SendBufferCount;
            SeqNum dataStart = DataStart;
            long sentOffset = _sndNxt - dataStart;
            long available = Math.Max(0, queued - sentOffset);
            long windowLeft = Math.Max(0, (long)_sndWnd - (_sndMax - _sndUna));
            int count = (int)Math.Min(available, Math.Min(windowLeft, _effectiveMss));
            if (count > 0)
            {
                bool finNext = _finQueued && _sndNxt + (uint)count == _finSeq && count == available;
                length = BuildData(destination, _sndNxt, (int)sentOffset, count, finNext, sentOffset + count == queued);
                if (length == 0)
                {
                    return false;
                }

                SeqNum start = _sndNxt;
                _sndNxt += (uint)(count + (finNext ? 1 : 0));
                _sndMax = _sndNxt;
                AfterSend(now, start, count + (finNext ? 1 : 0), retransmission: false);
                return true;
            }

            // No new data may go: the last segment again (its FIN too, if the FIN was sent).
            bool finSent = _finQueued && _sndMax > _finSeq;
            SeqNum dataEnd = finSent ? _finSeq : _sndMax;
            long dataInFlight = dataEnd - _sndUna;
            int resend = (int)Math.Min(Math.Max(0, dataInFlight), _effectiveMss);
            SeqNum from = dataEnd - (uint)resend;
            if (resend == 0 && !finSent)
            {
                return false;
            }

            length = BuildData(destination, from, (int)(from - dataStart), resend, finSent, resend > 0 && from + (uint)resend == dataStart + (uint)queued);
            if (length == 0)
            {
                return false;
            }

            _engine.Counters.Retransmissions++;
            AfterSend(now, from, resend + (finSent ? 1 : 0), retransmission: true);
            return true;
        }
    }
}
