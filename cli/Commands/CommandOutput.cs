using System.CommandLine;
using System.IO;

namespace TcpGen.Cli.Commands
{
    /// <summary>The writers a command prints to: those the invocation was configured with (tests pass their own).</summary>
    public static class CommandOutput
    {
        public static TextWriter Out(ParseResult parseResult) => parseResult.InvocationConfiguration.Output;

        public static TextWriter Error(ParseResult parseResult) => parseResult.InvocationConfiguration.Error;
    }
}
