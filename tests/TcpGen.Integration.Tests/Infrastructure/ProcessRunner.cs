using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace TcpGen.Integration.Tests.Infrastructure
{
    /// <summary>Runs a short command to completion and returns its output; throws with the command line and stderr when it fails.</summary>
    internal static class ProcessRunner
    {
        /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/>; returns stdout.</summary>
        public static string Run(string fileName, IEnumerable<string> arguments, TimeSpan? timeout = null, bool throwOnFailure = true)
        {
            var start = new ProcessStartInfo(fileName)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using Process process = Process.Start(start) ?? throw new InvalidOperationException("cannot start " + fileName);
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(30)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException(fileName + " " + string.Join(' ', start.ArgumentList) + " did not finish");
            }

            process.WaitForExit();
            if (throwOnFailure && process.ExitCode != 0)
            {
                throw new InvalidOperationException(fileName + " " + string.Join(' ', start.ArgumentList) + " exited with " + process.ExitCode + ": " + error.Result.Trim());
            }

            return output.Result;
        }
    }
}
