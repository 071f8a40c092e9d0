using System;
using System.CommandLine;
using System.IO;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using TcpGen.Cli.Serve;
using TcpGen.Runtime.Tun;

namespace TcpGen.Cli.Commands
{
    /// <summary>
    /// <c>tcpgen connect --tun NAME [--kernel-address CIDR] --address IP --to IP:PORT [--pcap FILE]</c>: one TcpGen
    /// connection over a TUN device, stdin to the peer and the peer to stdout, like netcat.
    /// </summary>
    public static class ConnectCommand
    {
        public static Command Create()
        {
            var shared = new TunStackOptions();
            var to = new Option<string>("--to") { Description = "The peer to connect to, IP:PORT (IPv6 as [IP]:PORT).", Required = true };
            var command = new Command("connect", "Open one TcpGen connection over a TUN device: stdin goes to the peer (half-close at its end), the peer's data to stdout; exits when the peer closes.");
            shared.AddTo(command);
            command.Options.Add(to);
            command.SetAction((parseResult, cancellationToken) =>
            {
                TextWriter stderr = CommandOutput.Error(parseResult);
                TunStackSettings? settings = shared.Bind(parseResult, out string? error);
                if (settings is null)
                {
                    return Task.FromResult(Usage(stderr, error!));
                }

                string target = parseResult.GetRequiredValue(to);
                if (!IPEndPoint.TryParse(target, out IPEndPoint? remote) || remote.Port == 0 || !target.Contains(':', StringComparison.Ordinal) || (remote.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && !target.StartsWith('[')))
                {
                    return Task.FromResult(Usage(stderr, $"--to must be IP:PORT with a port from 1 to 65535 (IPv6 as [IP]:PORT), not '{target}'"));
                }

                if (remote.AddressFamily != settings.Address.AddressFamily)
                {
                    return Task.FromResult(Usage(stderr, $"--to {target} and --address {settings.Address} are not the same IP version"));
                }

                return RunAsync(settings, remote, Console.OpenStandardInput(), Console.OpenStandardOutput(), stderr, cancellationToken);
            });
            return command;
        }

        /// <summary>Runs one session with checked settings; stdin and stdout are streams so tests can pass their own.</summary>
        internal static async Task<int> RunAsync(TunStackSettings settings, IPEndPoint remote, Stream stdin, Stream stdout, TextWriter stderr, CancellationToken cancellationToken)
        {
            try
            {
                using var signals = new TerminationSignals(cancellationToken);
                return await ConnectSession.RunAsync(settings, remote, stdin, stdout, stderr, signals.Token).ConfigureAwait(false);
            }
            catch (TunException e)
            {
                return Usage(stderr, e.Message);
            }
        }

        private static int Usage(TextWriter stderr, string message)
        {
            stderr.WriteLine("tcpgen: error: " + Loading.OneLine.Of(message));
            return ExitCodes.UsageError;
        }
    }
}
