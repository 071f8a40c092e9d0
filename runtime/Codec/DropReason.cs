namespace TcpGen.Runtime.Codec
{
    /// <summary>
    /// Why an arriving packet was discarded before it reached a connection. Every malformed input maps to
    /// exactly one named reason so drops can be counted (<see cref="DropCounters"/>) instead of crashing.
    /// </summary>
    public enum DropReason : byte
    {
        /// <summary>Not a drop: the packet parsed.</summary>
        None = 0,

        /// <summary>The buffer ends before a fixed-size IP, extension or TCP header does.</summary>
        TruncatedHeader,

        /// <summary>The IP version nibble is not 4 (RFC 791) or 6 (RFC 8200), or not the one the parser expects.</summary>
        BadIpVersion,

        /// <summary>IPv4 IHL below 5 words (RFC 791 3.1: the minimum header is 20 octets).</summary>
        BadIpHeaderLength,

        /// <summary>The IPv4 header checksum does not verify (RFC 791 3.1).</summary>
        BadIpHeaderChecksum,

        /// <summary>The IP total/payload length disagrees with the buffer: it claims more bytes than arrived, or fewer than its own header.</summary>
        IpLengthMismatch,

        /// <summary>An IPv4 fragment (MF set or offset != 0) or an IPv6 Fragment header: the engine does not reassemble.</summary>
        IpFragment,

        /// <summary>The IP payload is not TCP (protocol / next header != 6).</summary>
        NotTcp,

        /// <summary>
        /// A broadcast, multicast or unspecified address where TCP cannot use one (RFC 9293 3.9.2.3, MUST-57, MUST-63;
        /// RFC 1122 3.2.1.3).
        /// </summary>
        InvalidAddress,

        /// <summary>An IPv6 extension header the codec does not walk (ESP, AH, Mobility, ...), a routing header with segments left, or an option it must not skip.</summary>
        UnsupportedExtensionHeader,

        /// <summary>An IPv6 hop-by-hop or destination options header whose own option list overruns it, or a hop-by-hop header not first.</summary>
        MalformedExtensionHeader,

        /// <summary>TCP Data Offset below 5 words or beyond the segment (RFC 9293 3.1).</summary>
        DataOffsetOutOfRange,

        /// <summary>The TCP checksum over pseudo-header, header and data does not verify (MUST-3).</summary>
        BadChecksum,

        /// <summary>A TCP option length below 2, past the header, or wrong for a known kind (MUST-7).</summary>
        IllegalOptionLength,
    }
}
