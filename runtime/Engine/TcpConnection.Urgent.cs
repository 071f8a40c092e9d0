using System;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Sequencing;

namespace TcpGen.Runtime.Engine
{
    /// <summary>
    /// The urgent mechanism (RFC 9293 3.8.5, MUST-30..33, MUST-62): urgent data travels inline in the stream; the
    /// urgent pointer marks the first octet after it. Sending: a SEND marked urgent moves SND.UP to the end of its
    /// data, and every segment sent while SND.UP is ahead carries URG with the pointer. Receiving: RCV.UP only moves
    /// forward (urgent data of any length, MUST-31), the user is told asynchronously (MUST-32) and can ask how many
    /// urgent octets remain to be read (MUST-33). Nothing here changes the connection's state.
    /// </summary>
    internal sealed partial class TcpConnection
    {
        /// <summary>True while SND.UP is ahead of SND.UNA: segments carry URG.</summary>
        private bool _sndUrgent;

        /// <summary>SND.UP: sequence number of the first octet after our urgent data (MUST-62).</summary>
        private SeqNum _sndUp;

        /// <summary>True once the peer signalled urgent data.</summary>
        private bool _rcvUrgent;

        /// <summary>RCV.UP: sequence number of the first octet after the peer's urgent data.</summary>
        private SeqNum _rcvUp;

        /// <summary>Urgent octets not yet read by the user, counted from the read position up to RCV.UP (MUST-33).</summary>
        public int UrgentBytes
        {
            get
            {
                if (!_rcvUrgent)
                {
                    return 0;
                }

                SeqNum firstUnread = _rcvNxt - (uint)ReadableBytes;
                return _rcvUp > firstUnread ? (int)Math.Min(_rcvUp.DistanceFrom(firstUnread), int.MaxValue) : 0;
            }
        }

        /// <summary>QUEUE-DATA of an urgent SEND: the urgent data ends with what was just queued.</summary>
        private void MarkUrgent(int queued)
        {
            if (queued <= 0)
            {
                return;
            }

            _sndUp = DataStart + (uint)SendBufferCount;
            _sndUrgent = true;
        }

        /// <summary>SND.UNA reached SND.UP: the peer has all urgent data, later segments carry no URG.</summary>
        private void UrgentAcknowledged()
        {
            if (_sndUrgent && _sndUna >= _sndUp)
            {
                _sndUrgent = false;
            }
        }

        /// <summary>URG and the pointer for a segment starting at <paramref name="sequence"/> (RFC 9293 3.8.5, MUST-62).</summary>
        private ushort UrgentPointerFor(SeqNum sequence, ref TcpFlags flags)
        {
            if (!_sndUrgent || (flags & (TcpFlags.Ack | TcpFlags.Syn)) != TcpFlags.Ack || !(sequence < _sndUp))
            {
                return 0;
            }

            flags |= TcpFlags.Urg;
            return (ushort)Math.Min(_sndUp.DistanceFrom(sequence), ushort.MaxValue);
        }

        /// <summary>
        /// Sixth check of RFC 9293 3.10.7.4: in the states that take text, URG moves RCV.UP forward and the user is
        /// told. Runs after the ACK, even when the text did not fit a zero window (MUST-66).
        /// </summary>
        private void ProcessUrgent(in SegmentInfo segment)
        {
            if (!segment.IsUrg || segment.UrgentPointer == 0 || State is not (TcpState.Established or TcpState.FinWait1 or TcpState.FinWait2))
            {
                return;
            }

            SeqNum up = segment.DataSequence + segment.UrgentPointer;
            if (!_rcvUrgent || up > _rcvUp)
            {
                _rcvUp = up;
                _rcvUrgent = true;
            }

            if (UrgentBytes > 0)
            {
                _engine.Notify(this, NotificationKind.Urgent);
            }
        }
    }
}
