namespace TcpGen.Cli.Commands
{
    /// <summary>The process exit codes of every tcpgen command.</summary>
    public static class ExitCodes
    {
        /// <summary>Done; for check, the DSL has no errors (warnings allowed).</summary>
        public const int Success = 0;

        /// <summary>The DSL has errors (diagnostics on stderr), or diff --exit-code found differences.</summary>
        public const int Failure = 1;

        /// <summary>The command line, a file or a git revision could not be used (one line on stderr).</summary>
        public const int UsageError = 2;
    }
}
