using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TcpGen.Cli.Stat;

namespace TcpGen.Cli.Commands
{
    /// <summary>
    /// <c>tcpgen stat [--socket PATH] [--format text|json]</c>: connections per state and MIB counters of running
    /// stacks (those started by serve, connect or an embedding app with a <see cref="StatEndpoint"/>).
    /// </summary>
    public static class StatCommand
    {
        /// <summary>How long one stack may take to answer.</summary>
        private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(5);

        public static Command Create()
        {
            var socket = new Option<string?>("--socket") { Description = "One stack's stat socket; default: every *.sock in $TCPGEN_STAT_DIR or /tmp/tcpgen." };
            Option<string> format = FormatOption.Create("text", "text", "json");
            var command = new Command("stat", "Print connections per state (like `netstat -n | awk '/^tcp/ {++S[$NF]}'`) and the MIB counters of running TcpGen stacks.")
            {
                socket, format,
            };
            command.SetAction((parseResult, cancellationToken) => RunAsync(
                parseResult.GetValue(socket),
                parseResult.GetRequiredValue(format),
                CommandOutput.Out(parseResult),
                CommandOutput.Error(parseResult),
                cancellationToken));
            return command;
        }

        public static async Task<int> RunAsync(string? socketPath, string format, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
        {
            List<string> sockets = new();
            if (socketPath is not null)
            {
                if (!File.Exists(socketPath))
                {
                    stderr.WriteLine($"tcpgen: error: no stat socket at '{socketPath}'");
                    return ExitCodes.UsageError;
                }

                sockets.Add(socketPath);
            }
            else if (Directory.Exists(StatDirectory.Path))
            {
                sockets.AddRange(Directory.GetFiles(StatDirectory.Path, "*.sock"));
                sockets.Sort(StringComparer.Ordinal);
            }

            int answered = 0;
            foreach (string path in sockets)
            {
                StatReport? report = await QueryAsync(path, stderr, cancellationToken).ConfigureAwait(false);
                if (report is null)
                {
                    continue;
                }

                answered++;
                if (format == "json")
                {
                    stdout.WriteLine(JsonSerializer.Serialize(report, StatJsonContext.Default.StatReport));
                }
                else
                {
                    WriteText(report, stdout);
                }
            }

            if (answered == 0)
            {
                stderr.WriteLine($"tcpgen: error: no running TcpGen stack answered (looked for stat sockets in {socketPath ?? StatDirectory.Path})");
                return ExitCodes.Failure;
            }

            return ExitCodes.Success;
        }

        private static async Task<StatReport?> QueryAsync(string path, TextWriter stderr, CancellationToken cancellationToken)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(AnswerTimeout);
            try
            {
                using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), timeout.Token).ConfigureAwait(false);
                await using var stream = new NetworkStream(socket, ownsSocket: false);
                using var json = new MemoryStream();
                await stream.CopyToAsync(json, timeout.Token).ConfigureAwait(false);
                return JsonSerializer.Deserialize(json.ToArray(), StatJsonContext.Default.StatReport);
            }
            catch (Exception e) when (e is SocketException or IOException or JsonException or OperationCanceledException)
            {
                stderr.WriteLine($"tcpgen: {path}: no answer ({Loading.OneLine.Of(e.Message)}); the stack may have exited");
                return null;
            }
        }

        private static void WriteText(StatReport report, TextWriter stdout)
        {
            stdout.WriteLine($"stack {report.Name} (pid {report.ProcessId}, {report.Address})");
            if (report.States.Count == 0)
            {
                stdout.WriteLine("  no connections");
            }

            foreach (KeyValuePair<string, int> state in report.States)
            {
                stdout.WriteLine($"  {state.Key} {state.Value}");
            }

            foreach (KeyValuePair<string, long> counter in report.Counters)
            {
                stdout.WriteLine($"  {counter.Key}: {counter.Value}");
            }

            foreach (KeyValuePair<string, long> drop in report.Drops)
            {
                stdout.WriteLine($"  dropped ({drop.Key}): {drop.Value}");
            }
        }
    }
}
