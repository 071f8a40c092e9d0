using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TcpGen.Cli.Apps;
using TcpGen.Cli.Serve;
using TcpGen.Runtime.Tun;

namespace TcpGen.Cli.Commands
{
    /// <summary>
    /// <c>tcpgen serve --tun NAME [--kernel-address CIDR] --address IP --listen PORT [--app echo|discard|http|chargen]
    /// [--pcap FILE] [--loss P --seed N]</c>: a TcpGen server on a TUN device until Ctrl-C or SIGTERM.
    /// </summary>
    public static class ServeCommand
    {
        public static Command Create()
        {
            var shared = new TunStackOptions();
            var listen = new Option<int>("--listen") { Description = "The TCP port to listen on.", Required = true };
            var app = new Option<string>("--app") { Description = "What to serve: echo (RFC 862), discard (RFC 863), http (/ and /bytes/N), chargen (RFC 864).", DefaultValueFactory = _ => "echo" };
            app.AcceptOnlyFromAmong([.. ServerApps.Names]);
            var command = new Command("serve", "Serve echo, discard, http or chargen from TcpGen over a TUN device until Ctrl-C or SIGTERM (needs root to create the device).");
            shared.AddTo(command);
            command.Options.Add(listen);
            command.Options.Add(app);
            command.SetAction((parseResult, cancellationToken) =>
            {
                TextWriter stderr = CommandOutput.Error(parseResult);
                TunStackSettings? settings = shared.Bind(parseResult, out string? error);
                if (settings is null)
                {
                    return Task.FromResult(Usage(stderr, error!));
                }

                int port = parseResult.GetValue(listen);
                if (port < 1 || port > 65535)
                {
                    return Task.FromResult(Usage(stderr, $"--listen must be a port between 1 and 65535, not {port}"));
                }

                return RunAsync(settings, (ushort)port, parseResult.GetRequiredValue(app), CommandOutput.Out(parseResult), stderr, cancellationToken);
            });
            return command;
        }

        /// <summary>Runs the server with checked settings until <paramref name="cancellationToken"/> fires.</summary>
        internal static async Task<int> RunAsync(TunStackSettings settings, ushort port, string app, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
        {
            try
            {
                using var signals = new TerminationSignals(cancellationToken);
                return await ServeHost.RunAsync(settings, port, app, stdout, stderr, signals.Token).ConfigureAwait(false);
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
