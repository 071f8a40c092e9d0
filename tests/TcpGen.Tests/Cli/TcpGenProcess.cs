using System;
using System.Collections.Generic;
using System.IO;
using TcpGen.Cli;

namespace TcpGen.Tests.Cli
{
    /// <summary>
    /// The built tcpgen as a separate process, for what in-process runs cannot show:
    /// the current folder (diff --git's default FILE) and git calling tcpgen as a textconv driver.
    /// </summary>
    public static class TcpGenProcess
    {
        /// <summary>tcpgen.dll, copied next to the tests by the project reference.</summary>
        public static string Assembly => typeof(Program).Assembly.Location;

        /// <summary>The dotnet host: the one running `dotnet test` when it says so, otherwise the one on PATH.</summary>
        public static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

        /// <summary>A shell command line that starts tcpgen, for git's textconv setting.</summary>
        public static string ShellCommand => $"\"{DotnetHost}\" \"{Assembly}\"";

        public static CliResult Run(string workingDirectory, params string[] args)
        {
            var all = new List<string> { Assembly };
            all.AddRange(args);
            return ProcessRunner.Run(DotnetHost, all, workingDirectory);
        }
    }
}
