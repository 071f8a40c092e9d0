using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace TcpGen.Integration.Tests.Infrastructure
{
    /// <summary>
    /// The kernel-side peer (tests/TcpGen.KernelPeer) running inside a test namespace through
    /// <c>ip netns exec NS dotnet TcpGen.KernelPeer.dll ...</c>: a <see cref="BackgroundProcess"/> that also reads the
    /// peer's connection reports. Dispose kills it if it is still running.
    /// </summary>
    internal sealed class KernelPeerProcess : IDisposable
    {
        /// <summary>The running `ip netns exec` process (the peer replaces it via exec).</summary>
        private readonly BackgroundProcess _process;

        /// <summary>Starts the peer with <paramref name="arguments"/> (see tests/TcpGen.KernelPeer/Program.cs).</summary>
        public KernelPeerProcess(string networkNamespace, IEnumerable<string> arguments)
            : this(networkNamespace, PeerAssembly, arguments)
        {
        }

        /// <summary>Starts <c>dotnet ASSEMBLY ARGS</c> inside the namespace (the kernel peer, or the built tcpgen).</summary>
        public KernelPeerProcess(string networkNamespace, string assembly, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
        {
            _process = new BackgroundProcess("ip", new[] { "netns", "exec", networkNamespace, DotnetHost.Path, assembly }.Concat(arguments), environment);
        }

        /// <summary>The command that was started, for messages.</summary>
        public string CommandLine => _process.CommandLine;

        /// <summary>The peer's dll, copied next to this assembly by the project reference.</summary>
        private static string PeerAssembly => Path.Combine(AppContext.BaseDirectory, "TcpGen.KernelPeer.dll");

        /// <summary>The lines printed so far.</summary>
        public IReadOnlyList<string> Lines => _process.Lines;

        /// <summary>The process id (`ip netns exec` execs the program, so this is the program itself).</summary>
        public int ProcessId => _process.ProcessId;

        /// <summary>Everything printed on stderr so far.</summary>
        public string Errors => _process.Errors;

        /// <summary>Sends a signal (e.g. "TERM") with kill(1).</summary>
        public void Signal(string signal) => _process.Signal(signal);

        /// <summary>Waits for the process to exit and returns its exit code; throws with its output when it does not.</summary>
        public int WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

        /// <summary>Waits for a stdout line starting with <paramref name="prefix"/> and returns it.</summary>
        public string WaitForLineStartingWith(string prefix, TimeSpan timeout) => _process.WaitForLineStartingWith(prefix, timeout);

        /// <summary>Waits for a stdout line equal to <paramref name="line"/> (e.g. "listening"); throws with the peer's stderr when it does not come.</summary>
        public void WaitForLine(string line, TimeSpan timeout) => _process.WaitForLine(line, timeout);

        /// <summary>Waits for the peer to exit and returns its connection reports, in connection order.</summary>
        public IReadOnlyList<PeerReport> WaitForReports(TimeSpan timeout)
        {
            int exitCode = _process.WaitForExit(timeout);
            string[] lines = Lines.ToArray();
            if (exitCode != 0 || !lines.Contains("done"))
            {
                throw new InvalidOperationException("kernel peer failed: " + _process.Describe());
            }

            return lines.Where(l => l.StartsWith("conn=", StringComparison.Ordinal)).Select(PeerReport.Parse).OrderBy(r => r.Connection).ToArray();
        }

        /// <summary>Waits for a single-connection peer and returns its one report.</summary>
        public PeerReport WaitForReport(TimeSpan timeout)
        {
            IReadOnlyList<PeerReport> reports = WaitForReports(timeout);
            return reports.Count == 1 ? reports[0] : throw new InvalidOperationException("expected one connection report: " + _process.Describe());
        }

        /// <summary>Waits for exit and returns all stdout lines (ping mode).</summary>
        public IReadOnlyList<string> WaitForOutput(TimeSpan timeout)
        {
            _process.WaitForExit(timeout);
            return Lines;
        }

        /// <summary>Kills the peer if it still runs.</summary>
        public void Dispose() => _process.Dispose();
    }
}
