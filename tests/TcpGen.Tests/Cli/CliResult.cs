using System;
using Xunit;

namespace TcpGen.Tests.Cli
{
    /// <summary>What one tcpgen run produced.</summary>
    public sealed record CliResult(int ExitCode, string Out, string Error)
    {
        /// <summary>The non-empty lines of stderr.</summary>
        public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        /// <summary>The command-line contract for bad input: exit 2, nothing on stdout, one line `tcpgen: error: ...` containing <paramref name="expected"/>.</summary>
        public void AssertOneLineError(string expected)
        {
            Assert.Equal(2, ExitCode);
            Assert.Equal(string.Empty, Out);
            Assert.EndsWith("\n", Error, StringComparison.Ordinal);
            string line = Assert.Single(Error.TrimEnd('\n').Split('\n'));
            Assert.StartsWith("tcpgen: error: ", line, StringComparison.Ordinal);
            Assert.Contains(expected, line, StringComparison.Ordinal);
        }
    }
}
