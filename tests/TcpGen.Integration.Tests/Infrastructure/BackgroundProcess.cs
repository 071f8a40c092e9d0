using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;

namespace TcpGen.Integration.Tests.Infrastructure
{
    /// <summary>
    /// Any command line run in the background (unlike <see cref="KernelPeerProcess"/>, whose command is fixed to
    /// <c>ip netns exec NS dotnet DLL</c>): collects its stdout lines and its stderr, waits for a line or the exit,
    /// signals it; dispose kills it (and its children) if it still runs.
    /// </summary>
    internal sealed class BackgroundProcess : IDisposable
    {
        /// <summary>The running process.</summary>
        private readonly Process _process;

        /// <summary>Lines printed so far on stdout; guarded by itself.</summary>
        private readonly List<string> _lines = new();

        /// <summary>Everything printed on stderr; guarded by itself.</summary>
        private readonly StringBuilder _errors = new();

        /// <summary>Signalled on every new stdout line and at the end of stdout.</summary>
        private readonly SemaphoreSlim _lineArrived = new(0);

        /// <summary>Set when stdout has ended.</summary>
        private volatile bool _outputEnded;

        /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/> and, if given, extra environment variables.</summary>
        public BackgroundProcess(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
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

            foreach (KeyValuePair<string, string> variable in environment ?? new Dictionary<string, string>())
            {
                start.Environment[variable.Key] = variable.Value;
            }

            CommandLine = fileName + " " + string.Join(' ', start.ArgumentList);
            _process = new Process { StartInfo = start };
            _process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    _outputEnded = true;
                }
                else
                {
                    lock (_lines)
                    {
                        _lines.Add(e.Data);
                    }
                }

                _lineArrived.Release();
            };
            _process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    lock (_errors)
                    {
                        _errors.AppendLine(e.Data);
                    }
                }
            };
            _process.Start();
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        /// <summary>The command that was started, for messages.</summary>
        public string CommandLine { get; }

        /// <summary>The process id (a command that execs another keeps it).</summary>
        public int ProcessId => _process.Id;

        /// <summary>The stdout lines printed so far.</summary>
        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return _lines.ToArray();
                }
            }
        }

        /// <summary>Everything printed on stderr so far.</summary>
        public string Errors
        {
            get
            {
                lock (_errors)
                {
                    return _errors.ToString();
                }
            }
        }

        /// <summary>Sends a signal (e.g. "TERM") with kill(1).</summary>
        public void Signal(string signal) => ProcessRunner.Run("kill", ["-" + signal, _process.Id.ToString(CultureInfo.InvariantCulture)]);

        /// <summary>Waits for a stdout line starting with <paramref name="prefix"/> and returns it; throws with the output when none comes.</summary>
        public string WaitForLineStartingWith(string prefix, TimeSpan timeout)
        {
            DateTime deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                string? found = Lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
                if (found is not null)
                {
                    return found;
                }

                TimeSpan left = deadline - DateTime.UtcNow;
                if (_outputEnded || left <= TimeSpan.Zero)
                {
                    throw new TimeoutException("no line starting with '" + prefix + "': " + Describe());
                }

                _lineArrived.Wait(left);
            }
        }

        /// <summary>Waits for a stdout line equal to <paramref name="line"/>; throws with the output when it does not come.</summary>
        public void WaitForLine(string line, TimeSpan timeout)
        {
            DateTime deadline = DateTime.UtcNow + timeout;
            while (!Lines.Contains(line))
            {
                TimeSpan left = deadline - DateTime.UtcNow;
                if (_outputEnded || left <= TimeSpan.Zero)
                {
                    throw new TimeoutException("no line '" + line + "': " + Describe());
                }

                _lineArrived.Wait(left);
            }
        }

        /// <summary>Waits for the exit (and the end of its output) and returns the exit code; throws with the output when it does not come.</summary>
        public int WaitForExit(TimeSpan timeout)
        {
            if (!_process.WaitForExit(timeout))
            {
                throw new TimeoutException("process did not exit within " + timeout + ": " + Describe());
            }

            _process.WaitForExit();
            return _process.ExitCode;
        }

        /// <summary>The command, its output and its errors, for a failure message.</summary>
        public string Describe() => CommandLine + " | stdout: " + string.Join(" / ", Lines.Take(20)) + " | stderr: " + Errors.Trim();

        /// <summary>Kills the process and its children if it still runs.</summary>
        public void Dispose()
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            _process.Dispose();
            _lineArrived.Dispose();
        }
    }
}
