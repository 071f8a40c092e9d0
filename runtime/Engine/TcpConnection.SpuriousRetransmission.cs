using TcpGen.Runtime.Sequencing;
using TcpGen.Runtime.Timers;

namespace TcpGen.Runtime.Engine
{
    /// <summary>
    /// Spurious retransmissions, detected with timestamps (Eifel detection, RFC 3522) and undone (Eifel response,
    /// RFC 4015): when the first ACK that covers a retransmitted segment echoes a TSval older than the
    /// retransmission, it answers the original, which was delayed (reordered), not lost. cwnd and ssthresh then go
    /// back to their values before the loss response; after an RTO, going back to SND.UNA stops and new data follows.
    /// </summary>
    internal sealed partial class TcpConnection
    {
        /// <summary>A fast retransmit or RTO is waiting for the first ACK that covers its segment.</summary>
        private bool _spuriousCheckPending;

        /// <summary>Snd.TSclock when that retransmission went out; an echo older than this answers the original.</summary>
        private uint _spuriousCheckTimestamp;

        /// <summary>SND.UNA when it went out: an ACK above it covers the retransmitted segment.</summary>
        private SeqNum _spuriousCheckSequence;

        /// <summary>cwnd before the loss response, restored if it was spurious.</summary>
        private long _undoWindow;

        /// <summary>ssthresh before the loss response.</summary>
        private long _undoThreshold;

        /// <summary>The check is for an RTO: undoing it also stops the go-back-N resend.</summary>
        private bool _spuriousCheckAfterTimeout;

        /// <summary>
        /// A loss response is about to change cwnd and ssthresh (given here as they were before): with timestamps,
        /// remember how to undo it. Only the first retransmission of an episode is checked (RFC 3522 2).
        /// </summary>
        private void BeginSpuriousCheck(Instant now, long windowBefore, long thresholdBefore, bool timeout)
        {
            if (!_timestampsEnabled || _spuriousCheckPending)
            {
                return;
            }

            _spuriousCheckPending = true;
            _spuriousCheckTimestamp = TimestampClock(now);
            _spuriousCheckSequence = _sndUna;
            _undoWindow = windowBefore;
            _undoThreshold = thresholdBefore;
            _spuriousCheckAfterTimeout = timeout;
        }

        /// <summary>
        /// The first acceptable ACK above the retransmitted segment ends the check: an echo older than the
        /// retransmission means the original arrived, so the loss response is undone (RFC 4015 2). True if undone.
        /// </summary>
        private bool UndoIfSpurious(in SegmentInfo segment, SeqNum ack)
        {
            if (!_spuriousCheckPending || ack <= _spuriousCheckSequence)
            {
                return false;
            }

            _spuriousCheckPending = false;
            if (segment.Timestamps is not { } timestamps || !IsTimestampBefore(timestamps.EchoReply, _spuriousCheckTimestamp))
            {
                return false;
            }

            _engine.Counters.SpuriousRetransmissions++;
            _congestion.Undo(_undoWindow, _undoThreshold);
            _retransmitOne = false;
            if (_spuriousCheckAfterTimeout)
            {
                // RFC 4015 2 step (4): resume with new data rather than resend what the peer already holds; the RTO
                // backoff ends with the sample the echo gives.
                _sndNxt = SeqNum.Max(_sndNxt, _sndMax);
                _retransmitting = false;
                _retransmitCount = 0;
                _rto.ClearBackoff();
            }

            return true;
        }
    }
}
