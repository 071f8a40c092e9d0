namespace TcpGen.Runtime.Codec
{
    /// <summary>The Internet Protocol version, numbered as in the IP header's version nibble.</summary>
    public enum IpVersion : byte
    {
        /// <summary>No address (the default value of <see cref="IpAddress"/>).</summary>
        None = 0,

        /// <summary>IPv4, RFC 791.</summary>
        V4 = 4,

        /// <summary>IPv6, RFC 8200.</summary>
        V6 = 6,
    }
}
