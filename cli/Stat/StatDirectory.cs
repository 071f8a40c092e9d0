using System;
using System.IO;

namespace TcpGen.Cli.Stat
{
    /// <summary>Where running stacks publish their stat sockets: $TCPGEN_STAT_DIR, else /tmp/tcpgen.</summary>
    internal static class StatDirectory
    {
        public static string Path
        {
            get
            {
                string? configured = Environment.GetEnvironmentVariable("TCPGEN_STAT_DIR");
                return string.IsNullOrEmpty(configured) ? System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tcpgen") : configured;
            }
        }

        /// <summary>The socket path a stack named <paramref name="name"/> in this process uses.</summary>
        public static string SocketFor(string name) =>
            System.IO.Path.Combine(Path, name + "-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".sock");
    }
}
