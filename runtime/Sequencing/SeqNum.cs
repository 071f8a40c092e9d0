using System;
using System.Globalization;

namespace TcpGen.Runtime.Sequencing
{
    /// <summary>
    /// A TCP sequence or acknowledgment number: a 32-bit value whose arithmetic is modulo 2^32 (RFC 9293 3.4).
    /// Ordering uses the sign of the 32-bit difference, so "a &lt; b" means b lies less than 2^31 ahead of a;
    /// this is only meaningful for numbers less than 2^31 apart, which TCP guarantees for live numbers
    /// (windows are at most 2^30, RFC 7323 2.3). Window membership is tested with <see cref="InWindow"/>, which uses
    /// the unsigned distance and is exact for every window length.
    /// </summary>
    public readonly struct SeqNum : IEquatable<SeqNum>
    {
        /// <summary>Why it exists: the raw 32-bit number as carried in the TCP header.</summary>
        private readonly uint _value;

        /// <summary>Wraps a raw header value.</summary>
        public SeqNum(uint value)
        {
            _value = value;
        }

        /// <summary>The raw 32-bit value, as written into the header.</summary>
        public uint Value => _value;

        /// <summary>
        /// Signed distance from <paramref name="from"/> to <paramref name="to"/>: positive if <paramref name="to"/> is
        /// ahead (RFC 9293 3.4 comparison). A distance of exactly 2^31 is ambiguous and reported as int.MinValue.
        /// </summary>
        public static int SignedDifference(SeqNum to, SeqNum from) => unchecked((int)(to._value - from._value));

        /// <summary>Unsigned distance going forward from <paramref name="from"/> to this number, modulo 2^32.</summary>
        public uint DistanceFrom(SeqNum from) => unchecked(_value - from._value);

        /// <summary>
        /// True if this number lies in [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>),
        /// modulo 2^32 (the building block of RFC 9293 3.10.7.4's acceptability test). An empty window contains nothing.
        /// </summary>
        public bool InWindow(SeqNum start, uint length) => DistanceFrom(start) < length;

        /// <summary>
        /// True if start =&lt; this =&lt; end modulo 2^32, i.e. this lies on the forward arc from
        /// <paramref name="start"/> to <paramref name="end"/> (used for "SND.UNA =&lt; SEG.ACK =&lt; SND.NXT", RFC 9293 3.10.7.4).
        /// </summary>
        public bool InClosedRange(SeqNum start, SeqNum end) => DistanceFrom(start) <= end.DistanceFrom(start);

        /// <summary>Advances by <paramref name="count"/> octets, wrapping at 2^32.</summary>
        public static SeqNum operator +(SeqNum seq, uint count) => new(unchecked(seq._value + count));

        /// <summary>Advances by <paramref name="count"/> octets (negative goes back), wrapping at 2^32.</summary>
        public static SeqNum operator +(SeqNum seq, int count) => new(unchecked(seq._value + (uint)count));

        /// <summary>Goes back by <paramref name="count"/> octets, wrapping at 2^32.</summary>
        public static SeqNum operator -(SeqNum seq, uint count) => new(unchecked(seq._value - count));

        /// <summary>Goes back by <paramref name="count"/> octets (negative goes forward), wrapping at 2^32.</summary>
        public static SeqNum operator -(SeqNum seq, int count) => new(unchecked(seq._value - (uint)count));

        /// <summary>Signed difference <paramref name="left"/> - <paramref name="right"/> (see <see cref="SignedDifference"/>).</summary>
        public static int operator -(SeqNum left, SeqNum right) => SignedDifference(left, right);

        /// <summary>The next number (one octet or one control flag later).</summary>
        public static SeqNum operator ++(SeqNum seq) => seq + 1u;

        /// <summary>RFC 9293 3.4 "less than" in modular arithmetic.</summary>
        public static bool operator <(SeqNum left, SeqNum right) => SignedDifference(left, right) < 0;

        /// <summary>RFC 9293 3.4 "greater than" in modular arithmetic.</summary>
        public static bool operator >(SeqNum left, SeqNum right) => SignedDifference(left, right) > 0;

        /// <summary>RFC 9293 3.4 "less than or equal" in modular arithmetic.</summary>
        public static bool operator <=(SeqNum left, SeqNum right) => SignedDifference(left, right) <= 0;

        /// <summary>RFC 9293 3.4 "greater than or equal" in modular arithmetic.</summary>
        public static bool operator >=(SeqNum left, SeqNum right) => SignedDifference(left, right) >= 0;

        /// <summary>Equal raw values.</summary>
        public static bool operator ==(SeqNum left, SeqNum right) => left._value == right._value;

        /// <summary>Different raw values.</summary>
        public static bool operator !=(SeqNum left, SeqNum right) => left._value != right._value;

        /// <summary>The later of two numbers in modular order.</summary>
        public static SeqNum Max(SeqNum left, SeqNum right) => left >= right ? left : right;

        /// <summary>The earlier of two numbers in modular order.</summary>
        public static SeqNum Min(SeqNum left, SeqNum right) => left <= right ? left : right;

        /// <inheritdoc />
        public bool Equals(SeqNum other) => _value == other._value;

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is SeqNum other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode() => _value.GetHashCode();

        /// <summary>The raw value in decimal, as tcpdump prints absolute sequence numbers.</summary>
        public override string ToString() => _value.ToString(CultureInfo.InvariantCulture);
    }
}
