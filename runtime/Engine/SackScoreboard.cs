using System.Runtime.CompilerServices;
using TcpGen.Runtime.Sequencing;

namespace TcpGen.Runtime.Engine
{
    /// <summary>
    /// The data sender's SACK scoreboard (RFC 6675 3): which octets between SND.UNA and SND.MAX the peer reported
    /// holding, as at most <see cref="Capacity"/> sorted, disjoint blocks, plus the queries loss recovery needs
    /// (IsLost's edge, pipe, the next hole). A value type with inline storage: no allocation per connection or ACK.
    /// SACKed data is never discarded from the send buffer (the receiver may renege, RFC 2018 8); the scoreboard only
    /// steers which data is resent first.
    /// </summary>
    internal struct SackScoreboard
    {
        /// <summary>Blocks kept; a report that would need more drops the highest block (it is only advice).</summary>
        public const int Capacity = 16;

        /// <summary>DupThresh of RFC 6675 (RFC 5681's three duplicate ACKs).</summary>
        private const int DuplicateThreshold = 3;

        /// <summary>Left edges, ascending.</summary>
        private Edges _starts;

        /// <summary>Right edges (one past the block), parallel to <see cref="_starts"/>.</summary>
        private Edges _ends;

        /// <summary>Blocks in use.</summary>
        private int _count;

        /// <summary>Blocks held (tests).</summary>
        public readonly int Count => _count;

        /// <summary>True when the peer reported no block above SND.UNA.</summary>
        public readonly bool IsEmpty => _count == 0;

        /// <summary>One past the highest SACKed octet (HighSACK + 1), or <paramref name="none"/> when empty.</summary>
        public readonly SeqNum HighestSackedEnd(SeqNum none) => _count == 0 ? none : _ends[_count - 1];

        /// <summary>Forgets every block (after an RTO: RFC 2018 8, RFC 6675 5.1).</summary>
        public void Clear() => _count = 0;

        /// <summary>Block <paramref name="index"/> (ascending), for tests.</summary>
        public readonly (SeqNum Start, SeqNum End) this[int index] => (_starts[index], _ends[index]);

        /// <summary>
        /// Records one reported block, clipped to (<paramref name="una"/>, <paramref name="max"/>]; blocks outside it
        /// (a D-SACK block below SND.UNA, RFC 2883, or a forged one past SND.MAX) change nothing. Merges what it touches.
        /// </summary>
        public void Add(SeqNum start, SeqNum end, SeqNum una, SeqNum max)
        {
            if (start < una)
            {
                start = una;
            }

            if (end > max)
            {
                end = max;
            }

            if (end <= start)
            {
                return;
            }

            int first = 0;
            while (first < _count && _ends[first] < start)
            {
                first++;
            }

            int last = first;
            while (last < _count && _starts[last] <= end)
            {
                last++;
            }

            // Blocks first..last-1 touch [start, end): they merge into one.
            if (last > first)
            {
                start = SeqNum.Min(start, _starts[first]);
                end = SeqNum.Max(end, _ends[last - 1]);
                RemoveRange(first + 1, last - first - 1);
                _starts[first] = start;
                _ends[first] = end;
                return;
            }

            if (_count == Capacity)
            {
                if (first == Capacity)
                {
                    return; // above every block we keep: drop it
                }

                _count--; // drop the highest block to make room
            }

            for (int i = _count; i > first; i--)
            {
                _starts[i] = _starts[i - 1];
                _ends[i] = _ends[i - 1];
            }

            _starts[first] = start;
            _ends[first] = end;
            _count++;
        }

        /// <summary>SND.UNA moved to <paramref name="una"/>: blocks below it go, a block it cuts is clipped.</summary>
        public void AdvanceTo(SeqNum una)
        {
            int gone = 0;
            while (gone < _count && _ends[gone] <= una)
            {
                gone++;
            }

            RemoveRange(0, gone);
            if (_count > 0 && _starts[0] < una)
            {
                _starts[0] = una;
            }
        }

        /// <summary>
        /// The lowest sequence number from which every unSACKed octet below counts as lost (RFC 6675 4 IsLost): more than
        /// (DupThresh - 1) x SMSS octets, or DupThresh discontiguous blocks, are SACKed above it. <paramref name="una"/>
        /// when nothing is lost.
        /// </summary>
        public readonly SeqNum LostEdge(SeqNum una, int mss)
        {
            long above = 0;
            for (int i = _count - 1; i >= 0; i--)
            {
                above += _ends[i] - _starts[i];
                if (above > (DuplicateThreshold - 1) * (long)mss || _count - i >= DuplicateThreshold)
                {
                    return _starts[i];
                }
            }

            return una;
        }

        /// <summary>SACKed octets in [<paramref name="from"/>, <paramref name="to"/>).</summary>
        public readonly long SackedBetween(SeqNum from, SeqNum to)
        {
            long total = 0;
            for (int i = 0; i < _count; i++)
            {
                SeqNum start = SeqNum.Max(_starts[i], from);
                SeqNum end = SeqNum.Min(_ends[i], to);
                if (end > start)
                {
                    total += end - start;
                }
            }

            return total;
        }

        /// <summary>
        /// RFC 6675 4 SetPipe: octets presumed in the network. Unsacked octets not yet lost (from the lost edge up to
        /// SND.MAX), plus lost ones already resent (below <paramref name="highestResent"/>).
        /// </summary>
        public readonly long Pipe(SeqNum una, SeqNum max, SeqNum highestResent, int mss)
        {
            SeqNum lostEdge = SeqNum.Max(LostEdge(una, mss), una);
            long notLost = (max - lostEdge) - SackedBetween(lostEdge, max);
            SeqNum resentEnd = SeqNum.Min(SeqNum.Max(highestResent, una), lostEdge);
            long resent = (resentEnd - una) - SackedBetween(una, resentEnd);
            return notLost + resent;
        }

        /// <summary>
        /// RFC 6675 4 NextSeg rule (1): the first unSACKed octet at or after <paramref name="from"/> that is lost, and
        /// how many octets (at most <paramref name="mss"/>) run from it to the next SACKed block or the lost edge.
        /// False when no lost octet is left to resend.
        /// </summary>
        public readonly bool NextLostHole(SeqNum from, SeqNum una, int mss, out SeqNum start, out int length)
        {
            SeqNum lostEdge = LostEdge(una, mss);
            start = SeqNum.Max(from, una);
            for (int i = 0; i < _count && start < lostEdge; i++)
            {
                if (_ends[i] <= start)
                {
                    continue;
                }

                if (_starts[i] <= start)
                {
                    start = _ends[i]; // inside a SACKed block: the hole begins after it
                    continue;
                }

                SeqNum holeEnd = SeqNum.Min(_starts[i], lostEdge);
                if (holeEnd > start)
                {
                    length = (int)System.Math.Min(mss, holeEnd - start);
                    return true;
                }
            }

            length = 0;
            return false;
        }

        /// <summary>Removes <paramref name="length"/> blocks from <paramref name="index"/> on.</summary>
        private void RemoveRange(int index, int length)
        {
            if (length <= 0)
            {
                return;
            }

            for (int i = index; i + length < _count; i++)
            {
                _starts[i] = _starts[i + length];
                _ends[i] = _ends[i + length];
            }

            _count -= length;
        }

        /// <summary>Inline storage for <see cref="Capacity"/> sequence numbers.</summary>
        [InlineArray(Capacity)]
        private struct Edges
        {
            /// <summary>First element; the runtime lays out the rest after it.</summary>
            private SeqNum _element0;
        }
    }
}
