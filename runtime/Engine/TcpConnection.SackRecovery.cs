using System;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Sequencing;
using TcpGen.Runtime.Timers;

namespace TcpGen.Runtime.Engine
{
    /// <summary>
    /// SACK as a data sender (RFC 6675): the peer's SACK blocks fill a scoreboard; in fast recovery every hole that
    /// counts as lost is resent once, in order, while pipe (the octets presumed in the network) leaves room in cwnd,
    /// instead of one hole per round trip as NewReno can. Entry (three duplicate ACKs), the resend of SND.UNA, partial
    /// ACKs and the end of recovery stay with the NewReno code; after an RTO the scoreboard is forgotten.
    /// </summary>
    internal sealed partial class TcpConnection
    {
        /// <summary>What the peer reported holding above SND.UNA.</summary>
        private SackScoreboard _scoreboard;

        /// <summary>HighRxt (RFC 6675 2): one past the highest octet resent in the current recovery.</summary>
        private SeqNum _highestResent;

        /// <summary>The scoreboard (tests).</summary>
        internal SackScoreboard Scoreboard => _scoreboard;

        /// <summary>RFC 6675 SetPipe for the current recovery.</summary>
        private long SackPipe => _scoreboard.Pipe(_sndUna, _sndMax, _highestResent, _effectiveMss);

        /// <summary>
        /// Takes the SACK blocks of an acceptable ACK; <paramref name="una"/> is SND.UNA once the ACK is taken. True when
        /// they SACK octets above it that were not SACKed before: a duplicate ACK in the sense of RFC 6675 2.
        /// </summary>
        private bool RecordSackBlocks(in SegmentInfo segment, SeqNum una)
        {
            if (!_sackEnabled || segment.SackBlockCount == 0)
            {
                _scoreboard.AdvanceTo(una);
                return false;
            }

            _scoreboard.AdvanceTo(una);
            long before = _scoreboard.SackedBetween(una, _sndMax);
            for (int i = 0; i < segment.SackBlockCount; i++)
            {
                SackBlock block = segment.GetSackBlock(i);
                _scoreboard.Add(new SeqNum(block.LeftEdge), new SeqNum(block.RightEdge), una, _sndMax);
            }

            return _scoreboard.SackedBetween(una, _sndMax) > before;
        }

        /// <summary>RFC 6675 IsLost(HighACK + 1): the scoreboard holds enough above SND.UNA to call it lost.</summary>
        private bool SackShowsSndUnaLost => _sackEnabled && _scoreboard.LostEdge(_sndUna, _effectiveMss) > _sndUna;

        /// <summary>
        /// RFC 6675 5 step (C) with NextSeg rule (1): the next lost hole from HighRxt on, at most one MSS, when
        /// cwnd - pipe leaves at least one MSS. False when nothing is lost or cwnd is full (new data may still go).
        /// </summary>
        private bool WriteSackRetransmission(Span<byte> destination, Instant now, out int length)
        {
            length = 0;
            if (!_scoreboard.NextLostHole(_highestResent, _sndUna, _effectiveMss, out SeqNum start, out int count))
            {
                return false;
            }

            if (_finQueued && start + (uint)count > _finSeq)
            {
                count = (int)Math.Max(0, _finSeq - start); // holes hold data; the FIN goes with SND.UNA's resend
            }

            if (count <= 0 || _congestion.Window - SackPipe < _effectiveMss)
            {
                return false;
            }

            SeqNum dataStart = DataStart;
            length = BuildData(destination, start, (int)(start - dataStart), count, fin: false, push: false);
            if (length == 0)
            {
                return false;
            }

            _engine.Counters.Retransmissions++;
            _engine.Counters.SackRetransmissions++;
            _highestResent = start + (uint)count;
            _rttTiming = false; // Karn (MUST-18)
            NoteResendForTimestampSample(now);
            AfterSend(now, start, count, retransmission: true);
            return true;
        }
    }
}
