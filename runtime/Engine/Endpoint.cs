using TcpGen.Runtime.Codec;

namespace TcpGen.Runtime.Engine
{
    /// <summary>An IP address and TCP port: one end of a connection.</summary>
    public readonly record struct Endpoint(IpAddress Address, ushort Port);
}
