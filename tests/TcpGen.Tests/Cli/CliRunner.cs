using System.IO;
using TcpGen.Cli;

namespace TcpGen.Tests.Cli
{
    /// <summary>Runs tcpgen in-process through <see cref="Program.Run"/>, capturing both streams.</summary>
    public static class CliRunner
    {
        public static CliResult Run(params string[] args)
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            int exitCode = Program.Run(args, stdout, stderr);
            return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
        }
    }
}
