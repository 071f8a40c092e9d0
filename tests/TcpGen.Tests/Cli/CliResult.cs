using System;

namespace TcpGen.Tests.Cli
{
    /// <summary>What one tcpgen run produced.</summary>
    public sealed record CliResult(int ExitCode, string Out, string Error)
    {
        /// <summary>The non-empty lines of stderr.</summary>
        public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
