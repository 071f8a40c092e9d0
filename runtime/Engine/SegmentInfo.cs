using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Sequencing;

namespace TcpGen.Runtime.Engine
{
    /// <summary>
    /// The fields of one arriving segment that the connection core needs, copied out of the parsed view so that
    /// they can travel with the event context (the payload stays a span in <see cref="EventContext"/>).
    /// </summary>
    internal readonly struct SegmentInfo
    {
        /// <summary>Copies the fields of a parsed segment.</summary>
        public SegmentInfo(scoped in TcpSegmentView view)
        {
            Source = view.Source;
            Destination = view.Destination;
            SourcePort = view.SourcePort;
            DestinationPort = view.DestinationPort;
            Sequence = new SeqNum(view.SequenceNumber);
            Acknowledgment = new SeqNum(view.AcknowledgmentNumber);
            Flags = view.Flags;
            Window = view.Window;
            UrgentPointer = view.UrgentPointer;
            PayloadLength = view.Payload.Length;
            _options = view.Options;
        }

        /// <summary>The parsed options, held inline (no allocation); the properties below read them.</summary>
        private readonly TcpOptions _options;

        /// <summary>SACK blocks the segment carried (RFC 2018 3).</summary>
        public int SackBlockCount => _options.SackBlockCount;

        /// <summary>SACK block <paramref name="index"/>, in the order carried (the first may be a D-SACK block, RFC 2883).</summary>
        public SackBlock GetSackBlock(int index) => _options.GetSackBlock(index);

        /// <summary>The sender's address.</summary>
        public IpAddress Source { get; }

        /// <summary>Our address as the sender used it.</summary>
        public IpAddress Destination { get; }

        /// <summary>The sender's port.</summary>
        public ushort SourcePort { get; }

        /// <summary>Our port.</summary>
        public ushort DestinationPort { get; }

        /// <summary>SEG.SEQ.</summary>
        public SeqNum Sequence { get; }

        /// <summary>SEG.ACK.</summary>
        public SeqNum Acknowledgment { get; }

        /// <summary>The control bits.</summary>
        public TcpFlags Flags { get; }

        /// <summary>SEG.WND as carried (unscaled).</summary>
        public ushort Window { get; }

        /// <summary>SEG.UP.</summary>
        public ushort UrgentPointer { get; }

        /// <summary>Octets of segment text.</summary>
        public int PayloadLength { get; }

        /// <summary>The MSS option, if present.</summary>
        public ushort? MaximumSegmentSize => _options.MaximumSegmentSize;

        /// <summary>The window scale option, if present.</summary>
        public byte? WindowScale => _options.WindowScale;

        /// <summary>The Timestamps option, if present (RFC 7323 3.2).</summary>
        public TcpTimestamps? Timestamps => _options.Timestamps;

        /// <summary>The SACK-Permitted option was present (RFC 2018 2).</summary>
        public bool SackPermitted => _options.SackPermitted;

        /// <summary>SYN set.</summary>
        public bool IsSyn => (Flags & TcpFlags.Syn) != 0;

        /// <summary>ACK set.</summary>
        public bool IsAck => (Flags & TcpFlags.Ack) != 0;

        /// <summary>RST set.</summary>
        public bool IsRst => (Flags & TcpFlags.Rst) != 0;

        /// <summary>FIN set.</summary>
        public bool IsFin => (Flags & TcpFlags.Fin) != 0;

        /// <summary>URG set.</summary>
        public bool IsUrg => (Flags & TcpFlags.Urg) != 0;

        /// <summary>SEG.LEN: text plus one for SYN and one for FIN (RFC 9293 3.3.1).</summary>
        public uint SequenceLength => (uint)PayloadLength + (IsSyn ? 1u : 0u) + (IsFin ? 1u : 0u);

        /// <summary>Sequence number of the first text octet (after the SYN, if any).</summary>
        public SeqNum DataSequence => IsSyn ? Sequence + 1u : Sequence;
    }
}
