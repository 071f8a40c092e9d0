namespace TcpGen.Runtime.Codec
{
    /// <summary>
    /// Everything <see cref="SegmentBuilder"/> needs to write one IP + TCP segment, apart from the data.
    /// The family comes from <see cref="Source"/>; <see cref="Destination"/> must match it.
    /// </summary>
    public struct OutgoingSegment
    {
        /// <summary>Hop limit used when <see cref="HopLimit"/> is 0 (RFC 1122 3.2.1.7 forbids sending TTL 0; 64 is the common default).</summary>
        public const byte DefaultHopLimit = 64;

        /// <summary>Our address.</summary>
        public IpAddress Source { get; set; }

        /// <summary>The peer's address.</summary>
        public IpAddress Destination { get; set; }

        /// <summary>Our port.</summary>
        public ushort SourcePort { get; set; }

        /// <summary>The peer's port.</summary>
        public ushort DestinationPort { get; set; }

        /// <summary>SEG.SEQ.</summary>
        public uint SequenceNumber { get; set; }

        /// <summary>SEG.ACK.</summary>
        public uint AcknowledgmentNumber { get; set; }

        /// <summary>Control bits.</summary>
        public TcpFlags Flags { get; set; }

        /// <summary>SEG.WND, already scaled down by the engine.</summary>
        public ushort Window { get; set; }

        /// <summary>SEG.UP.</summary>
        public ushort UrgentPointer { get; set; }

        /// <summary>Options to write; SYN-only ones are left out of non-SYN segments (see <see cref="TcpOptionsWriter"/>).</summary>
        public TcpOptions Options { get; set; }

        /// <summary>IPv4 TTL / IPv6 Hop Limit; 0 means <see cref="DefaultHopLimit"/>.</summary>
        public byte HopLimit { get; set; }

        /// <summary>IPv4 TOS / IPv6 Traffic Class: DSCP and ECN bits (SHLD-21, SHLD-8).</summary>
        public byte TrafficClass { get; set; }

        /// <summary>IPv4 Identification.</summary>
        public ushort Identification { get; set; }

        /// <summary>IPv4 Don't Fragment, for path MTU discovery (RFC 1191).</summary>
        public bool DontFragment { get; set; }

        /// <summary>IPv6 Flow Label (low 20 bits used).</summary>
        public uint FlowLabel { get; set; }
    }
}
