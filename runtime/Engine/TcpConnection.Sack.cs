using TcpGen.Runtime.Buffers;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Sequencing;

namespace TcpGen.Runtime.Engine
{
    /// <summary>
    /// SACK as a data receiver (RFC 2018, RFC 2883): once both SYNs carried SACK-Permitted, every ACK without text
    /// reports the out-of-order blocks we hold, the one holding the latest arrival first and then the blocks of the
    /// arrivals before it, so each block is reported in several ACKs (RFC 2018 4); data received twice is reported
    /// first in a D-SACK block (RFC 2883 4), which lets the sender undo a spurious retransmission.
    /// </summary>
    internal sealed partial class TcpConnection
    {
        /// <summary>Both SYNs carried SACK-Permitted (RFC 2018 2).</summary>
        private bool _sackEnabled;

        /// <summary>A D-SACK block is owed in the next ACK (RFC 2883 4: reported once).</summary>
        private bool _duplicateSackPending;

        /// <summary>The owed D-SACK block.</summary>
        private SackBlock _duplicateSack;

        /// <summary>True once SACK was agreed on this connection.</summary>
        internal bool SackEnabled => _sackEnabled;

        /// <summary>RECORD-SYN's SACK part: agreed when we offer (or accept) it and the peer's SYN carried SACK-Permitted.</summary>
        private void RecordSynSack(in SegmentInfo segment) =>
            _sackEnabled = _engine.Options.SelectiveAcknowledgments && segment.SackPermitted;

        /// <summary>SACK-Permitted on our SYN when we offer it, on our SYN,ACK only when agreed (RFC 2018 2).</summary>
        private bool OfferSackPermitted(bool isSynAck) => isSynAck ? _sackEnabled : _engine.Options.SelectiveAcknowledgments;

        /// <summary>Text from <paramref name="start"/> to <paramref name="end"/> had already been received: owe a D-SACK block for it.</summary>
        private void RememberDuplicate(SeqNum start, SeqNum end)
        {
            if (_sackEnabled && end > start)
            {
                _duplicateSackPending = true;
                _duplicateSack = new SackBlock(start.Value, end.Value);
            }
        }

        /// <summary>Fills the SACK blocks of an ACK without text: the D-SACK block, then the blocks of the latest arrivals, then the rest.</summary>
        private void AddSackBlocks(ref TcpOptions options)
        {
            if (!_sackEnabled || _receive is null || _receiveDisposed)
            {
                return;
            }

            int room = options.Timestamps.HasValue ? TcpOptions.MaxSackBlocks - 1 : TcpOptions.MaxSackBlocks;
            if (_duplicateSackPending)
            {
                _duplicateSackPending = false;
                options.TryAddSackBlock(_duplicateSack);
                _engine.Counters.DuplicateSacksSent++;
            }

            // The blocks of the latest arrivals first (RFC 2018 4), then any other block the option has room for.
            for (int recency = 0; recency < ReceiveBuffer.RecentArrivalsTracked && options.SackBlockCount < room; recency++)
            {
                if (_receive.TryGetRecentRange(recency, out ReceivedRange recent))
                {
                    AddSackBlockOnce(ref options, recent);
                }
            }

            int ranges = _receive.OutOfOrderRangeCount;
            for (int r = 0; r < ranges && options.SackBlockCount < room; r++)
            {
                AddSackBlockOnce(ref options, _receive.GetOutOfOrderRange(r));
            }

            if (options.HasSack)
            {
                _engine.Counters.SackAcksSent++;
            }
        }

        /// <summary>Adds the block of <paramref name="range"/> unless the option already reports it.</summary>
        private void AddSackBlockOnce(ref TcpOptions options, ReceivedRange range)
        {
            var block = new SackBlock((_rcvNxt + (uint)range.Offset).Value, (_rcvNxt + (uint)range.End).Value);
            for (int i = 0; i < options.SackBlockCount; i++)
            {
                if (options.GetSackBlock(i) == block)
                {
                    return;
                }
            }

            options.TryAddSackBlock(block);
        }
    }
}
