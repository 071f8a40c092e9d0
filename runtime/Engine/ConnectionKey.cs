using TcpGen.Runtime.Codec;

namespace TcpGen.Runtime.Engine
{
    /// <summary>
    /// The 4-tuple that names a connection (RFC 9293 3.4: a connection is identified by its pair of sockets).
    /// A value type with field-wise equality, so a dictionary lookup per segment allocates nothing.
    /// </summary>
    /// <param name="LocalAddress">Our address.</param>
    /// <param name="LocalPort">Our port.</param>
    /// <param name="RemoteAddress">The peer's address.</param>
    /// <param name="RemotePort">The peer's port.</param>
    internal readonly record struct ConnectionKey(IpAddress LocalAddress, ushort LocalPort, IpAddress RemoteAddress, ushort RemotePort)
    {
        /// <summary>The key of a connection between two endpoints.</summary>
        public static ConnectionKey From(Endpoint local, Endpoint remote) => new(local.Address, local.Port, remote.Address, remote.Port);
    }
}
