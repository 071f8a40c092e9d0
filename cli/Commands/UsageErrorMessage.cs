using System.CommandLine;
using TcpGen.Cli.Loading;

namespace TcpGen.Cli.Commands
{
    /// <summary>Picks the one line that best explains why a command line did not parse.</summary>
    public static class UsageErrorMessage
    {
        public static string For(ParseResult parseResult)
        {
            Command command = parseResult.CommandResult.Command;
            bool atRoot = command is RootCommand;
            string help = atRoot ? "tcpgen --help" : "tcpgen " + command.Name + " --help";

            // A stray word is the real cause; "Required command was not provided" would only hide it.
            if (parseResult.UnmatchedTokens.Count > 0)
            {
                string token = parseResult.UnmatchedTokens[0];
                bool isOption = token.StartsWith("-", System.StringComparison.Ordinal);
                string what = isOption ? "unknown option" : atRoot ? "unknown command" : "unexpected argument";
                string known = atRoot && !isOption ? "; commands are check, table, graph, diff, demo, stat, serve, connect" : string.Empty;
                return $"{what} '{token}'{known} (see '{help}')";
            }

            return $"{OneLine.Of(parseResult.Errors[0].Message)} (see '{help}')";
        }
    }
}
