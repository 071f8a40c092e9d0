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
                string known = atRoot && !isOption ? "; commands are " + CommandNames(command) : string.Empty;
                return $"{what} '{token}'{known} (see '{help}')";
            }

            return $"{OneLine.Of(parseResult.Errors[0].Message)} (see '{help}')";
        }

        /// <summary>The root's subcommands in registration order, so the hint never goes stale when one is added.</summary>
        private static string CommandNames(Command root)
        {
            var names = new System.Collections.Generic.List<string>();
            foreach (Command subcommand in root.Subcommands)
            {
                names.Add(subcommand.Name);
            }

            return string.Join(", ", names);
        }
    }
}
