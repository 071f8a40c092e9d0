namespace TcpGen.Runtime.Codec
{
    /// <summary>TCP option kinds the codec understands (IANA "TCP Option Kind Numbers"); others are skipped (MUST-6).</summary>
    public enum TcpOptionKind : byte
    {
        /// <summary>End of Option List (RFC 9293 3.2): a single octet, no length.</summary>
        EndOfOptionList = 0,

        /// <summary>No-Operation (RFC 9293 3.2): a single octet used for alignment.</summary>
        NoOperation = 1,

        /// <summary>Maximum Segment Size (RFC 9293 3.2), length 4.</summary>
        MaximumSegmentSize = 2,

        /// <summary>Window Scale (RFC 7323 2.2), length 3.</summary>
        WindowScale = 3,

        /// <summary>SACK-Permitted (RFC 2018 2), length 2.</summary>
        SackPermitted = 4,

        /// <summary>SACK blocks (RFC 2018 3), length 2 + 8n.</summary>
        Sack = 5,

        /// <summary>Timestamps (RFC 7323 3.2), length 10.</summary>
        Timestamps = 8,
    }
}
