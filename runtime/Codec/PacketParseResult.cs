namespace TcpGen.Runtime.Codec
{
    /// <summary>
    /// Outcome of parsing one packet: either OK or the <see cref="DropReason"/> it was discarded for.
    /// Parsing never throws; every failure comes back as a value so the engine can count and move on.
    /// </summary>
    public readonly struct PacketParseResult : System.IEquatable<PacketParseResult>
    {
        /// <summary>Creates a result; <see cref="DropReason.None"/> means success.</summary>
        public PacketParseResult(DropReason reason)
        {
            DropReason = reason;
        }

        /// <summary>The successful result.</summary>
        public static PacketParseResult Ok => default;

        /// <summary>Why the packet was dropped, or <see cref="DropReason.None"/> when it parsed.</summary>
        public DropReason DropReason { get; }

        /// <summary>True when the packet parsed and its view may be used.</summary>
        public bool IsOk => DropReason == DropReason.None;

        /// <summary>A failed result for <paramref name="reason"/>.</summary>
        public static PacketParseResult Drop(DropReason reason) => new PacketParseResult(reason);

        /// <summary>Lets parsers return a reason directly.</summary>
        public static implicit operator PacketParseResult(DropReason reason) => new PacketParseResult(reason);

        /// <inheritdoc />
        public bool Equals(PacketParseResult other) => DropReason == other.DropReason;

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is PacketParseResult other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode() => (int)DropReason;

        /// <summary>Equality by reason.</summary>
        public static bool operator ==(PacketParseResult left, PacketParseResult right) => left.Equals(right);

        /// <summary>Inequality by reason.</summary>
        public static bool operator !=(PacketParseResult left, PacketParseResult right) => !left.Equals(right);

        /// <inheritdoc />
        public override string ToString() => IsOk ? "Ok" : "Drop(" + DropReasonNames.Name(DropReason) + ")";
    }
}
