using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TcpGen.Cli.Demo;
using TcpGen.Runtime.Tun;

namespace TcpGen.Cli.Commands
{
    /// <summary>
    /// <c>tcpgen demo [--tun] [--bytes N] [--msl MS] [--pcap FILE]</c>: a handshake, a transfer, a half-close and the
    /// four-way close, printed as a timeline of segments and state changes, and captured to a pcap file.
    /// </summary>
    public static class DemoCommand
    {
        public static Command Create()
        {
            var tun = new Option<bool>("--tun") { Description = "Run against the Linux kernel over a TUN device in a network namespace the demo creates (needs root)." };
            var bytes = new Option<int>("--bytes") { Description = "Bytes the client sends before its half-close.", DefaultValueFactory = _ => 3000 };
            var msl = new Option<int>("--msl") { Description = "Maximum segment lifetime in milliseconds; TIME-WAIT lasts twice this.", DefaultValueFactory = _ => 1000 };
            var port = new Option<int>("--port") { Description = "The server's port.", DefaultValueFactory = _ => 7 };
            var pcap = new Option<string>("--pcap") { Description = "Where to write the capture (LINKTYPE_RAW pcap).", DefaultValueFactory = _ => "demo.pcap" };
            var command = new Command("demo", "Show a TCP conversation end to end: handshake, transfer, half-close, four-way close and TIME-WAIT.")
            {
                tun, bytes, msl, port, pcap,
            };
            command.SetAction((parseResult, cancellationToken) => RunAsync(
                parseResult.GetValue(tun),
                parseResult.GetValue(bytes),
                parseResult.GetValue(msl),
                parseResult.GetValue(port),
                parseResult.GetRequiredValue(pcap),
                CommandOutput.Out(parseResult),
                CommandOutput.Error(parseResult),
                cancellationToken));
            return command;
        }

        public static async Task<int> RunAsync(bool tun, int bytes, int mslMilliseconds, int port, string pcapPath, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
        {
            if (bytes < 0 || bytes > 64 * 1024 * 1024)
            {
                return Usage(stderr, "--bytes must be between 0 and 67108864");
            }

            if (mslMilliseconds < 1 || mslMilliseconds > 120_000)
            {
                return Usage(stderr, "--msl must be between 1 and 120000 milliseconds");
            }

            if (port < 1 || port > 65535)
            {
                return Usage(stderr, "--port must be between 1 and 65535");
            }

            string? directory = Path.GetDirectoryName(Path.GetFullPath(pcapPath));
            if (directory is null || !Directory.Exists(directory))
            {
                return Usage(stderr, $"cannot write '{pcapPath}': the directory does not exist");
            }

            if (tun && (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess || !File.Exists("/dev/net/tun")))
            {
                return Usage(stderr, "demo --tun needs Linux, root (to create a network namespace and a TUN device) and /dev/net/tun; run `tcpgen demo` without --tun for the in-memory version");
            }

            var settings = new DemoSettings(bytes, (ushort)port, TimeSpan.FromMilliseconds(mslMilliseconds), pcapPath, tun);

            // Ctrl-C must unwind through the demo's finally blocks, so --tun removes the namespace it made.
            using var signals = new Serve.TerminationSignals(cancellationToken);
            try
            {
                return tun
                    ? await KernelDemo.RunAsync(settings, stdout, signals.Token).ConfigureAwait(false)
                    : await InMemoryDemo.RunAsync(settings, stdout, signals.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (signals.Token.IsCancellationRequested)
            {
                stderr.WriteLine("tcpgen: demo interrupted");
                return ExitCodes.Failure;
            }
            catch (TunException e)
            {
                stderr.WriteLine("tcpgen: error: " + e.Message);
                return ExitCodes.UsageError;
            }
            catch (IOException e)
            {
                stderr.WriteLine("tcpgen: error: " + Loading.OneLine.Of(e.Message));
                return ExitCodes.Failure;
            }
        }

        private static int Usage(TextWriter stderr, string message)
        {
            stderr.WriteLine("tcpgen: error: " + message);
            return ExitCodes.UsageError;
        }
    }
}
