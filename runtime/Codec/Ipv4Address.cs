using System;
using System.Buffers.Binary;
using System.Net;

namespace TcpGen.Runtime.Codec
{
    /// <summary>
    /// An IPv4 address as a plain 32-bit number (192.0.2.1 is 0xC0000201), so the hot path compares and hashes
    /// integers instead of allocating <see cref="IPAddress"/>.
    /// </summary>
    public readonly struct Ipv4Address : IEquatable<Ipv4Address>
    {
        /// <summary>Wraps the numeric value (most significant byte is the first octet on the wire).</summary>
        public Ipv4Address(uint value)
        {
            Value = value;
        }

        /// <summary>The address as a number, first octet in the most significant byte.</summary>
        public uint Value { get; }

        /// <summary>0.0.0.0.</summary>
        public static Ipv4Address Any => default;

        /// <summary>127.0.0.1.</summary>
        public static Ipv4Address Loopback => new Ipv4Address(0x7F000001);

        /// <summary>255.255.255.255, the limited broadcast address (RFC 1122 3.2.1.3 (c)).</summary>
        public static Ipv4Address Broadcast => new Ipv4Address(0xFFFFFFFF);

        /// <summary>0.0.0.0, which RFC 1122 3.2.1.3 (a) allows only as a source while a host learns its address.</summary>
        public bool IsUnspecified => Value == 0;

        /// <summary>0.0.0.0/8, "this host on this network" (RFC 1122 3.2.1.3 (a), (b)): never valid for TCP.</summary>
        public bool IsThisNetwork => (Value >> 24) == 0;

        /// <summary>255.255.255.255 (RFC 1122 3.2.1.3 (c)).</summary>
        public bool IsBroadcast => Value == 0xFFFFFFFF;

        /// <summary>224.0.0.0/4, class D (RFC 1122 3.2.1.3).</summary>
        public bool IsMulticast => (Value >> 28) == 0xE;

        /// <summary>127.0.0.0/8 (RFC 1122 3.2.1.3 (g)).</summary>
        public bool IsLoopback => (Value >> 24) == 127;

        /// <summary>Reads four octets in network order.</summary>
        public static Ipv4Address Read(ReadOnlySpan<byte> source) => new Ipv4Address(BinaryPrimitives.ReadUInt32BigEndian(source));

        /// <summary>Builds an address from its four octets.</summary>
        public static Ipv4Address FromOctets(byte a, byte b, byte c, byte d) =>
            new Ipv4Address(((uint)a << 24) | ((uint)b << 16) | ((uint)c << 8) | d);

        /// <summary>Converts a <see cref="IPAddress"/> of family InterNetwork (for configuration and tests).</summary>
        public static Ipv4Address FromIPAddress(IPAddress address)
        {
            ArgumentNullException.ThrowIfNull(address);
            Span<byte> bytes = stackalloc byte[16];
            if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork
                || !address.TryWriteBytes(bytes, out int written) || written != 4)
            {
                throw new ArgumentException("Not an IPv4 address.", nameof(address));
            }

            return Read(bytes);
        }

        /// <summary>Writes four octets in network order.</summary>
        public void WriteTo(Span<byte> destination) => BinaryPrimitives.WriteUInt32BigEndian(destination, Value);

        /// <summary>An <see cref="IPAddress"/> for logs; allocates, so keep it off the hot path.</summary>
        public IPAddress ToIPAddress()
        {
            Span<byte> bytes = stackalloc byte[4];
            WriteTo(bytes);
            return new IPAddress(bytes);
        }

        /// <inheritdoc />
        public bool Equals(Ipv4Address other) => Value == other.Value;

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is Ipv4Address other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode() => (int)Value;

        /// <summary>Dotted-quad text.</summary>
        public override string ToString() => ToIPAddress().ToString();

        /// <summary>Equality by value.</summary>
        public static bool operator ==(Ipv4Address left, Ipv4Address right) => left.Equals(right);

        /// <summary>Inequality by value.</summary>
        public static bool operator !=(Ipv4Address left, Ipv4Address right) => !left.Equals(right);
    }
}
