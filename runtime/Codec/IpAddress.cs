using System;
using System.Net;

namespace TcpGen.Runtime.Codec
{
    /// <summary>
    /// An IPv4 or IPv6 address in one fixed-size value, usable as part of a connection key without allocation.
    /// IPv4 addresses keep their own <see cref="IpVersion"/> so 192.0.2.1 never equals ::ffff:192.0.2.1.
    /// </summary>
    public readonly struct IpAddress : IEquatable<IpAddress>
    {
        /// <summary>The IPv6 bits, or the IPv4 address in the low 32 bits of Low.</summary>
        private readonly Ipv6Address _bits;

        /// <summary>Which family the bits belong to.</summary>
        private readonly IpVersion _version;

        /// <summary>Private: use <see cref="FromIpv4"/> or <see cref="FromIpv6"/>.</summary>
        private IpAddress(IpVersion version, Ipv6Address bits)
        {
            _version = version;
            _bits = bits;
        }

        /// <summary>The address family; <see cref="IpVersion.None"/> for the default value.</summary>
        public IpVersion Version => _version;

        /// <summary>True for an IPv4 address.</summary>
        public bool IsIpv4 => _version == IpVersion.V4;

        /// <summary>True for an IPv6 address.</summary>
        public bool IsIpv6 => _version == IpVersion.V6;

        /// <summary>Wraps an IPv4 address.</summary>
        public static IpAddress FromIpv4(Ipv4Address address) => new IpAddress(IpVersion.V4, new Ipv6Address(0, address.Value));

        /// <summary>Wraps an IPv6 address.</summary>
        public static IpAddress FromIpv6(Ipv6Address address) => new IpAddress(IpVersion.V6, address);

        /// <summary>Converts a <see cref="IPAddress"/> (configuration and tests; not the hot path).</summary>
        public static IpAddress FromIPAddress(IPAddress address)
        {
            ArgumentNullException.ThrowIfNull(address);
            return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
                ? FromIpv4(Ipv4Address.FromIPAddress(address))
                : FromIpv6(Ipv6Address.FromIPAddress(address));
        }

        /// <summary>Parses dotted-quad or IPv6 text (configuration and tests; throws on bad text).</summary>
        public static IpAddress Parse(string text) => FromIPAddress(IPAddress.Parse(text));

        /// <summary>The IPv4 address; <see cref="Ipv4Address.Any"/> when this is not IPv4.</summary>
        public Ipv4Address AsIpv4() => IsIpv4 ? new Ipv4Address((uint)_bits.Low) : default;

        /// <summary>The IPv6 address; <see cref="Ipv6Address.Any"/> when this is not IPv6.</summary>
        public Ipv6Address AsIpv6() => IsIpv6 ? _bits : default;

        /// <summary>An <see cref="IPAddress"/> for logs (allocates); <see cref="IPAddress.None"/> for the default value.</summary>
        public IPAddress ToIPAddress() => _version switch
        {
            IpVersion.V4 => AsIpv4().ToIPAddress(),
            IpVersion.V6 => _bits.ToIPAddress(),
            _ => IPAddress.None,
        };

        /// <inheritdoc />
        public bool Equals(IpAddress other) => _version == other._version && _bits.Equals(other._bits);

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is IpAddress other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode() => HashCode.Combine(_version, _bits);

        /// <summary>Text form; "none" for the default value.</summary>
        public override string ToString() => _version == IpVersion.None ? "none" : ToIPAddress().ToString();

        /// <summary>Equality by family and bits.</summary>
        public static bool operator ==(IpAddress left, IpAddress right) => left.Equals(right);

        /// <summary>Inequality by family and bits.</summary>
        public static bool operator !=(IpAddress left, IpAddress right) => !left.Equals(right);

        /// <summary>Wraps an IPv4 address.</summary>
        public static implicit operator IpAddress(Ipv4Address address) => FromIpv4(address);

        /// <summary>Wraps an IPv6 address.</summary>
        public static implicit operator IpAddress(Ipv6Address address) => FromIpv6(address);
    }
}
