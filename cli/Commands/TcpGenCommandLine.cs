using System.CommandLine;

namespace TcpGen.Cli.Commands
{
    /// <summary>Builds the command tree and the parser settings shared by <see cref="Program"/> and its tests.</summary>
    public static class TcpGenCommandLine
    {
        public static RootCommand CreateRoot()
        {
            var root = new RootCommand("tcpgen: run the TcpGen TCP stack (demo, sim, serve, connect, stat), and check, print, draw and diff its state machine DSL (tcp-states.dsl).")
            {
                // The stack first (a newcomer starts with demo), then the state-table tools.
                DemoCommand.Create(),
                SimCommand.Create(),
                ServeCommand.Create(),
                ConnectCommand.Create(),
                StatCommand.Create(),
                CheckCommand.Create(),
                TableCommand.Create(),
                GraphCommand.Create(),
                DiffCommand.Create(),
            };
            return root;
        }

        /// <summary>
        /// Response files are off: an argument starting with '@' is a file name, never a list of more arguments.
        /// </summary>
        public static ParserConfiguration CreateParserConfiguration() => new() { ResponseFileTokenReplacer = null };
    }
}
