using System;
using System.CommandLine;
using System.CommandLine.Help;
using System.IO;
using TcpGen.Cli.Commands;
using TcpGen.Cli.Loading;

namespace TcpGen.Cli
{
    /// <summary>The <c>tcpgen</c> entry point; <see cref="Run"/> is what tests call in-process.</summary>
    public static class Program
    {
        public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

        /// <summary>
        /// Parses and runs one command line. Parse errors and unusable inputs print exactly one line,
        /// <c>tcpgen: error: ...</c>, on stderr and return 2 (System.CommandLine's own handling prints help and returns 1).
        /// </summary>
        public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
        {
            RootCommand root = TcpGenCommandLine.CreateRoot();
            ParseResult parseResult = root.Parse(args, TcpGenCommandLine.CreateParserConfiguration());

            // '--help' wins over errors such as a missing FILE, as users expect from 'tcpgen table --help'.
            if (parseResult.Errors.Count > 0 && parseResult.Action is not HelpAction)
            {
                WriteError(stderr, UsageErrorMessage.For(parseResult));
                return ExitCodes.UsageError;
            }

            var invocation = new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,

                // Exceptions we expect are InputExceptions, handled below; anything else is a bug and should surface.
                EnableDefaultExceptionHandler = false,
            };

            try
            {
                return parseResult.Invoke(invocation);
            }
            catch (InputException ex)
            {
                WriteError(stderr, ex.Message);
                return ExitCodes.UsageError;
            }
        }

        private static void WriteError(TextWriter stderr, string message)
        {
            stderr.Write("tcpgen: error: ");
            stderr.Write(OneLine.Of(message));
            stderr.Write('\n');
        }
    }
}
