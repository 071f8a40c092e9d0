namespace TcpGen.Runtime.Codec
{
    /// <summary>Stable, allocation-free names of <see cref="DropReason"/> values for logs and metrics.</summary>
    public static class DropReasonNames
    {
        /// <summary>The number of <see cref="DropReason"/> values, including <see cref="DropReason.None"/>.</summary>
        public const int Count = (int)DropReason.IllegalOptionLength + 1;

        /// <summary>The reason's name as written in <see cref="DropReason"/>; "Unknown" for an out-of-range value.</summary>
        public static string Name(DropReason reason) => reason switch
        {
            DropReason.None => nameof(DropReason.None),
            DropReason.TruncatedHeader => nameof(DropReason.TruncatedHeader),
            DropReason.BadIpVersion => nameof(DropReason.BadIpVersion),
            DropReason.BadIpHeaderLength => nameof(DropReason.BadIpHeaderLength),
            DropReason.BadIpHeaderChecksum => nameof(DropReason.BadIpHeaderChecksum),
            DropReason.IpLengthMismatch => nameof(DropReason.IpLengthMismatch),
            DropReason.IpFragment => nameof(DropReason.IpFragment),
            DropReason.NotTcp => nameof(DropReason.NotTcp),
            DropReason.InvalidAddress => nameof(DropReason.InvalidAddress),
            DropReason.UnsupportedExtensionHeader => nameof(DropReason.UnsupportedExtensionHeader),
            DropReason.MalformedExtensionHeader => nameof(DropReason.MalformedExtensionHeader),
            DropReason.DataOffsetOutOfRange => nameof(DropReason.DataOffsetOutOfRange),
            DropReason.BadChecksum => nameof(DropReason.BadChecksum),
            DropReason.IllegalOptionLength => nameof(DropReason.IllegalOptionLength),
            _ => "Unknown",
        };

        /// <summary>Finds a reason by its exact (ordinal) name.</summary>
        public static bool TryParse(string? name, out DropReason reason)
        {
            for (int i = 0; i < Count; i++)
            {
                if (string.Equals(Name((DropReason)i), name, System.StringComparison.Ordinal))
                {
                    reason = (DropReason)i;
                    return true;
                }
            }

            reason = DropReason.None;
            return false;
        }
    }
}
