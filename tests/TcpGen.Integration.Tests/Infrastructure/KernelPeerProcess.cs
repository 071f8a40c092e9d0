using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;

namespace TcpGen.Integration.Tests.Infrastructure
{
    /// <summary>
    /// The kernel-side peer (tests/TcpGen.KernelPeer) running inside a test namespace through
    /// <c>ip netns exec NS dotnet TcpGen.KernelPeer.dll ...</c>. Collects its output lines; dispose kills it if it
    /// is still running.
    /// </summary>
    internal sealed class KernelPeerProcess : IDisposable
    {
        /// <summary>The running `ip netns exec` process (the peer replaces it via exec).</summary>
        private readonly Process _process;

        /// <summary>Lines printed so far on stdout; guarded by itself.</summary>
        private readonly List<string> _lines = new();

        /// <summary>Everything printed on stderr, for failure messages; guarded by itself.</summary>
        private readonly StringBuilder _errors = new();

        /// <summary>Signalled on every new stdout line and at end of output.</summary>
        private readonly SemaphoreSlim _lineArrived = new(0);

        /// <summary>Set when stdout has ended.</summary>
        private volatile bool _outputEnded;

        /// <summary>Starts the peer with <paramref name="arguments"/> (see tests/TcpGen.KernelPeer/Program.cs).</summary>
        public KernelPeerProcess(string networkNamespace, IEnumerable<string> arguments)
            : this(networkNamespace, PeerAssembly, arguments)
        {
        }

        /// <summary>Starts <c>dotnet ASSEMBLY ARGS</c> inside the namespace (the kernel peer, or the built tcpgen).</summary>
        public KernelPeerProcess(string networkNamespace, string assembly, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
        {
            var start = new ProcessStartInfo("ip")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in new[] { "netns", "exec", networkNamespace, Infrastructure.DotnetHost.Path, assembly }.Concat(arguments))
            {
                start.ArgumentList.Add(argument);
            }

            foreach (KeyValuePair<string, string> variable in environment ?? new Dictionary<string, string>())
            {
                start.Environment[variable.Key] = variable.Value;
            }

            CommandLine = string.Join(' ', start.ArgumentList);
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

        /// <summary>The peer's dll, copied next to this assembly by the project reference.</summary>
        private static string PeerAssembly => Path.Combine(AppContext.BaseDirectory, "TcpGen.KernelPeer.dll");

        /// <summary>The lines printed so far.</summary>
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

        /// <summary>The process id (`ip netns exec` execs the program, so this is the program itself).</summary>
        public int ProcessId => _process.Id;

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
        public void Signal(string signal) => ProcessRunner.Run("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

        /// <summary>Waits for the process to exit and returns its exit code; throws with its output when it does not.</summary>
        public int WaitForExit(TimeSpan timeout)
        {
            if (!_process.WaitForExit(timeout))
            {
                throw new TimeoutException("process did not exit within " + timeout + ": " + Describe());
            }

            _process.WaitForExit();
            return _process.ExitCode;
        }

        /// <summary>Waits for a stdout line starting with <paramref name="prefix"/> and returns it.</summary>
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

        /// <summary>Waits for a stdout line equal to <paramref name="line"/> (e.g. "listening"); throws with the peer's stderr when it does not come.</summary>
        public void WaitForLine(string line, TimeSpan timeout)
        {
            DateTime deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                if (Lines.Contains(line))
                {
                    return;
                }

                TimeSpan left = deadline - DateTime.UtcNow;
                if (_outputEnded || left <= TimeSpan.Zero)
                {
                    throw new TimeoutException("kernel peer did not print '" + line + "': " + Describe());
                }

                _lineArrived.Wait(left);
            }
        }

        /// <summary>Waits for the peer to exit and returns its connection reports, in connection order.</summary>
        public IReadOnlyList<PeerReport> WaitForReports(TimeSpan timeout)
        {
            if (!_process.WaitForExit(timeout))
            {
                throw new TimeoutException("kernel peer did not finish within " + timeout + ": " + Describe());
            }

            _process.WaitForExit();
            string[] lines = Lines.ToArray();
            if (_process.ExitCode != 0 || !lines.Contains("done"))
            {
                throw new InvalidOperationException("kernel peer failed: " + Describe());
            }

            return lines.Where(l => l.StartsWith("conn=", StringComparison.Ordinal)).Select(PeerReport.Parse).OrderBy(r => r.Connection).ToArray();
        }

        /// <summary>Waits for a single-connection peer and returns its one report.</summary>
        public PeerReport WaitForReport(TimeSpan timeout)
        {
            IReadOnlyList<PeerReport> reports = WaitForReports(timeout);
            return reports.Count == 1 ? reports[0] : throw new InvalidOperationException("expected one connection report: " + Describe());
        }

        /// <summary>Waits for exit and returns all stdout lines (ping mode).</summary>
        public IReadOnlyList<string> WaitForOutput(TimeSpan timeout)
        {
            if (!_process.WaitForExit(timeout))
            {
                throw new TimeoutException("kernel peer did not finish within " + timeout + ": " + Describe());
            }

            _process.WaitForExit();
            return Lines;
        }

        /// <summary>Kills the peer if it still runs.</summary>
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

        /// <summary>The command, its output and its errors, for a failure message.</summary>
        private string Describe()
        {
            string errors;
            lock (_errors)
            {
                errors = _errors.ToString().Trim();
            }

            return CommandLine + " | stdout: " + string.Join(" / ", Lines.Take(20)) + " | stderr: " + errors;
        }
    }
}
