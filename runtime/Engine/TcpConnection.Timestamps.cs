using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Sequencing;
using TcpGen.Runtime.Timers;

namespace TcpGen.Runtime.Engine
{
    /// <summary>
    /// The Timestamps option (RFC 7323): agreed when both SYNs carry it (3.2), then sent on every segment we build;
    /// TS.Recent follows Last.ACK.sent (4.3); PAWS rejects old segments before the window test (5.3); and TSecr gives
    /// an RTT sample where Karn's rule gives none, after a retransmission (4.1, RFC 6298 3).
    /// </summary>
    internal sealed partial class TcpConnection
    {
        /// <summary>One tick of our timestamp clock: 1 ms, the fastest RFC 7323 5.4 allows (1 ms to 1 s).</summary>
        private const long TimestampTickMicroseconds = 1000;

        /// <summary>Octets TSopt takes in every segment once agreed (10, NOP-aligned to 12): data gives way to it (RFC 6691 2).</summary>
        private const int TimestampOptionSpace = 12;

        /// <summary>TS.Recent older than this is no longer valid (RFC 7323 5.5: 24 days, under half the clock's wrap at 1 ms).</summary>
        private const long TimestampRecentLifetimeMicroseconds = 24L * 24 * 60 * 60 * 1_000_000;

        /// <summary>Snd.TS.OK: both SYNs carried TSopt, so every segment carries it and PAWS applies (RFC 7323 3.2).</summary>
        private bool _timestampsEnabled;

        /// <summary>Added to our clock, per connection, so TSval does not reveal the host's uptime (RFC 7323 7.1).</summary>
        private uint _timestampOffset;

        /// <summary>TS.Recent: the TSval we echo in TSecr (RFC 7323 4.3).</summary>
        private uint _timestampRecent;

        /// <summary>When TS.Recent was last taken, for its 24-day validity (RFC 7323 5.5).</summary>
        private Instant _timestampRecentAt;

        /// <summary>Last.ACK.sent: the ACK field of our latest segment; TS.Recent only moves for segments up to it (RFC 7323 4.3).</summary>
        private SeqNum _lastAckSent;

        /// <summary>An RTT sample from TSecr is taken once per flight: ACKs up to this edge give no further one.</summary>
        private SeqNum _timestampSampleEdge;

        /// <summary>Snd.TSclock when data was last sent again (RTO or fast retransmit): only echoes of it or later give samples.</summary>
        private uint _resentAtTimestamp;

        /// <summary>True from a retransmission until a sample is taken: the only time Karn's rule leaves RTT unmeasured.</summary>
        private bool _timestampSampleWanted;

        /// <summary>True once Timestamps were agreed on this connection.</summary>
        internal bool TimestampsEnabled => _timestampsEnabled;

        /// <summary>TS.Recent (tests).</summary>
        internal uint TimestampRecent => _timestampRecent;

        /// <summary>Snd.TSclock at <paramref name="now"/>.</summary>
        private uint TimestampClock(Instant now) => unchecked((uint)(now.Microseconds / TimestampTickMicroseconds) + _timestampOffset);

        /// <summary>Our offset is chosen with the ISS, before our SYN can carry a TSval.</summary>
        private void ChooseTimestampOffset()
        {
            _timestampOffset = _engine.Options.Timestamps ? _engine.ChooseTimestampOffset(Local, Remote) : 0;
            _timestampSampleEdge = _iss;
        }

        /// <summary>
        /// RECORD-SYN's timestamp part: agreed when we offer (or accept) them and the peer's SYN or SYN,ACK carried
        /// TSopt (RFC 7323 3.2); its TSval is the first TS.Recent. Data segments then carry 12 octets fewer text.
        /// </summary>
        private void RecordSynTimestamps(in SegmentInfo segment, Instant now)
        {
            _timestampsEnabled = _engine.Options.Timestamps && segment.Timestamps.HasValue;
            if (_timestampsEnabled)
            {
                _timestampRecent = segment.Timestamps!.Value.Value;
                _timestampRecentAt = now;
                _effectiveMss = System.Math.Max(1, _effectiveMss - TimestampOptionSpace);
                _congestion.SetMss(_effectiveMss);
            }
        }

        /// <summary>
        /// TSopt for a segment we build: on our SYN when we offer them, on everything else once agreed (RFC 7323 3.2).
        /// TSecr is TS.Recent when the ACK bit is on and zero when it is off.
        /// </summary>
        private void AddTimestamps(ref TcpOptions options, TcpFlags flags)
        {
            bool ack = (flags & TcpFlags.Ack) != 0;
            bool offer = (flags & TcpFlags.Syn) != 0 && !ack && _engine.Options.Timestamps;
            if (_timestampsEnabled || offer)
            {
                options.Timestamps = new TcpTimestamps(TimestampClock(_engine.Now), ack ? _timestampRecent : 0u);
            }
        }

        /// <summary>TSopt for our reset of this connection: TSval and TS.Recent once agreed (RFC 7323 5.2), else none.</summary>
        private TcpTimestamps? ResetTimestamps =>
            _timestampsEnabled ? new TcpTimestamps(TimestampClock(_engine.Now), _timestampRecent) : null;

        /// <summary>
        /// RFC 7323 3.2 and PAWS (5.3 R1), before the window test: a non-RST segment without TSopt is dropped silently;
        /// one whose TSval is older than TS.Recent is unacceptable (an ACK answers it), unless TS.Recent is over 24 days
        /// old (5.5). A RST is never checked (5.2). Then TS.Recent is updated, still before the window test, as in
        /// RFC 7323 Appendix D: a duplicate of data we hold is answered with an ACK that echoes the duplicate's own
        /// TSval, so a sender whose first ACK was lost measures the round trip of its latest resend, not the time
        /// since its first. False when the segment goes no further.
        /// </summary>
        private bool PassesTimestampChecks(ref EventContext context)
        {
            SegmentInfo segment = context.Segment;
            if (!_timestampsEnabled || segment.IsRst)
            {
                return true;
            }

            if (segment.Timestamps is not { } timestamps)
            {
                _engine.Counters.SegmentsWithoutTimestamp++;
                return false;
            }

            if (!IsTimestampBefore(timestamps.Value, _timestampRecent))
            {
                RecordPeerTimestamp(segment, context.Now);
                return true;
            }

            if (context.Now.MicrosecondsSince(_timestampRecentAt) > TimestampRecentLifetimeMicroseconds)
            {
                // Idle past TS.Recent's validity: the old value says nothing, take the new one (RFC 7323 5.5).
                _timestampRecent = timestamps.Value;
                _timestampRecentAt = context.Now;
                return true;
            }

            _engine.Counters.TimestampRejections++;
            Step(TcpEvent.RcvUnacceptable, ref context);
            return false;
        }

        /// <summary>RFC 7323 4.3, 5.3 R3: TS.Recent takes SEG.TSval if it is not older and SEG.SEQ &lt;= Last.ACK.sent (the earliest unacknowledged segment's).</summary>
        private void RecordPeerTimestamp(in SegmentInfo segment, Instant now)
        {
            if (_timestampsEnabled && !segment.IsRst && segment.Timestamps is { } timestamps
                && !IsTimestampBefore(timestamps.Value, _timestampRecent) && segment.Sequence <= _lastAckSent)
            {
                _timestampRecent = timestamps.Value;
                _timestampRecentAt = now;
            }
        }

        /// <summary>Data went out again: Karn's rule stops timing, so the ACK of the resend is measured by its echo instead.</summary>
        private void NoteResendForTimestampSample(Instant now)
        {
            if (_timestampsEnabled && !_timestampSampleWanted)
            {
                _timestampSampleWanted = true;
                _resentAtTimestamp = TimestampClock(now);
            }
        }

        /// <summary>
        /// RTTM (RFC 7323 4.1) where Karn's rule (MUST-18) left no segment timed: TSecr is the TSval of the very
        /// transmission this ACK answers, so the ACK of a retransmission gives an unambiguous sample (RFC 6298 3),
        /// which also ends the RTO backoff. Only an echo of the resend or later counts: an older echo answers a segment
        /// sent before it, whose ACK may have waited behind loss or a closed window (RFC 7323 4.3 keeps TS.Recent old
        /// then), and would inflate the RTO. One sample per flight, as with timing.
        /// </summary>
        private void SampleRoundTripFromTimestamp(in SegmentInfo segment, SeqNum ack, Instant now)
        {
            if (!_timestampsEnabled || !_timestampSampleWanted || _rttTiming || ack <= _timestampSampleEdge
                || segment.Timestamps is not { } timestamps || IsTimestampBefore(timestamps.EchoReply, _resentAtTimestamp))
            {
                return;
            }

            int ticks = unchecked((int)(TimestampClock(now) - timestamps.EchoReply));
            if (ticks < 0 || ticks > TimestampSampleLimitTicks)
            {
                return; // an echo of a value we never sent, or from before a wrap: no sample
            }

            _rto.AddSample(ticks * TimestampTickMicroseconds);
            _timestampSampleEdge = _sndMax;
            _timestampSampleWanted = false;
        }

        /// <summary>Longest RTT a TSecr sample may show: the RTO ceiling (a larger one is not a round trip of ours).</summary>
        private long TimestampSampleLimitTicks => _engine.Options.MaximumRetransmissionTimeout.Ticks / System.TimeSpan.TicksPerMillisecond;

        /// <summary>SEG.TSval &lt; TS.Recent in 32-bit modular arithmetic (RFC 7323 5.2).</summary>
        private static bool IsTimestampBefore(uint value, uint reference) => unchecked((int)(value - reference)) < 0;
    }
}
