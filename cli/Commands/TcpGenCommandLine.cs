using System.CommandLine;

namespace TcpGen.Cli.Commands
{
    /// <summary>Builds the command tree and the parser settings shared by <see cref="Program"/> and its tests.</summary>
    public static class TcpGenCommandLine
    {
        public static RootCommand CreateRoot()
        {
            var root = new RootCommand("tcpgen: check, print, draw and diff TcpGen state machine DSL files (tcp-states.dsl), and run the TcpGen stack.")
            {
                CheckCommand.Create(),
                TableCommand.Create(),
                GraphCommand.Create(),
                DiffCommand.Create(),
                DemoCommand.Create(),
                StatCommand.Create(),
                SimCommand.Create(),
                ServeCommand.Create(),
                ConnectCommand.Create(),
            };
            return root;
        }

        /// <summary>
        /// Response files are off: an argument starting with '@' is a file name, never a list of more arguments.
        /// </summary>
        public static ParserConfiguration CreateParserConfiguration() => new() { ResponseFileTokenReplacer = null };
    }
}
