using System;
using System.Buffers.Binary;
using System.Net;

namespace TcpGen.Runtime.Codec
{
    /// <summary>
    /// An IPv6 address as two 64-bit halves in network order (the first octet is the top byte of
    /// <see cref="High"/>), so the hot path compares integers instead of allocating <see cref="IPAddress"/>.
    /// </summary>
    public readonly struct Ipv6Address : IEquatable<Ipv6Address>
    {
        /// <summary>Wraps the two halves.</summary>
        public Ipv6Address(ulong high, ulong low)
        {
            High = high;
            Low = low;
        }

        /// <summary>Octets 0..7 as a big-endian number.</summary>
        public ulong High { get; }

        /// <summary>Octets 8..15 as a big-endian number.</summary>
        public ulong Low { get; }

        /// <summary>::.</summary>
        public static Ipv6Address Any => default;

        /// <summary>::1.</summary>
        public static Ipv6Address Loopback => new Ipv6Address(0, 1);

        /// <summary>:: (RFC 4291 2.5.2): never a valid TCP endpoint.</summary>
        public bool IsUnspecified => High == 0 && Low == 0;

        /// <summary>ff00::/8 (RFC 4291 2.7).</summary>
        public bool IsMulticast => (High >> 56) == 0xFF;

        /// <summary>::1 (RFC 4291 2.5.3).</summary>
        public bool IsLoopback => High == 0 && Low == 1;

        /// <summary>Reads sixteen octets in network order.</summary>
        public static Ipv6Address Read(ReadOnlySpan<byte> source) =>
            new Ipv6Address(BinaryPrimitives.ReadUInt64BigEndian(source), BinaryPrimitives.ReadUInt64BigEndian(source.Slice(8)));

        /// <summary>Converts a <see cref="IPAddress"/> of family InterNetworkV6 (for configuration and tests).</summary>
        public static Ipv6Address FromIPAddress(IPAddress address)
        {
            ArgumentNullException.ThrowIfNull(address);
            Span<byte> bytes = stackalloc byte[16];
            if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6
                || !address.TryWriteBytes(bytes, out int written) || written != 16)
            {
                throw new ArgumentException("Not an IPv6 address.", nameof(address));
            }

            return Read(bytes);
        }

        /// <summary>Writes sixteen octets in network order.</summary>
        public void WriteTo(Span<byte> destination)
        {
            BinaryPrimitives.WriteUInt64BigEndian(destination, High);
            BinaryPrimitives.WriteUInt64BigEndian(destination.Slice(8), Low);
        }

        /// <summary>An <see cref="IPAddress"/> for logs; allocates, so keep it off the hot path.</summary>
        public IPAddress ToIPAddress()
        {
            Span<byte> bytes = stackalloc byte[16];
            WriteTo(bytes);
            return new IPAddress(bytes);
        }

        /// <inheritdoc />
        public bool Equals(Ipv6Address other) => High == other.High && Low == other.Low;

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is Ipv6Address other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode() => HashCode.Combine(High, Low);

        /// <summary>RFC 5952 text.</summary>
        public override string ToString() => ToIPAddress().ToString();

        /// <summary>Equality by value.</summary>
        public static bool operator ==(Ipv6Address left, Ipv6Address right) => left.Equals(right);

        /// <summary>Inequality by value.</summary>
        public static bool operator !=(Ipv6Address left, Ipv6Address right) => !left.Equals(right);
    }
}
