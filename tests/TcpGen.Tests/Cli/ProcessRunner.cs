using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Threading.Tasks;

namespace TcpGen.Tests.Cli
{
    /// <summary>Runs an external program (git, dot, the built tcpgen) and captures its output.</summary>
    public static class ProcessRunner
    {
        /// <summary>Runs the program, or returns null when it is not installed.</summary>
        public static CliResult? TryRun(string program, IEnumerable<string> args, string workingDirectory, string? stdin = null)
        {
            var start = new ProcessStartInfo(program)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = new UTF8Encoding(false),
                StandardErrorEncoding = new UTF8Encoding(false),
            };
            foreach (string arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            // Tests must not pick up the developer's git identity, signing or pager settings.
            start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
            start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
            start.Environment["GIT_PAGER"] = "cat";

            // A test run inside a git hook would otherwise point every git call at the outer repository.
            start.Environment.Remove("GIT_DIR");
            start.Environment.Remove("GIT_WORK_TREE");
            start.Environment.Remove("GIT_INDEX_FILE");

            Process process;
            try
            {
                process = Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned null for " + program);
            }
            catch (Win32Exception)
            {
                return null;
            }

            using (process)
            {
                if (stdin is not null)
                {
                    process.StandardInput.Write(stdin);
                }

                process.StandardInput.Close();
                Task<string> error = process.StandardError.ReadToEndAsync();
                string output = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                return new CliResult(process.ExitCode, output, error.GetAwaiter().GetResult());
            }
        }

        public static CliResult Run(string program, IEnumerable<string> args, string workingDirectory, string? stdin = null) =>
            TryRun(program, args, workingDirectory, stdin) ?? throw new InvalidOperationException($"'{program}' is not installed.");
    }
}
