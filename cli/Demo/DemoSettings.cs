using System;

namespace TcpGen.Cli.Demo
{
    /// <summary>What `tcpgen demo` was asked to do.</summary>
    internal sealed record DemoSettings(int Bytes, ushort Port, TimeSpan Msl, string PcapPath, bool Tun);
}
