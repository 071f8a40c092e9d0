using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TcpGen.Runtime.Hosting;

namespace TcpGen.Cli.Stat
{
    /// <summary>
    /// Publishes a running <see cref="TcpStack"/>'s counters on a Unix domain socket: each client that connects gets
    /// one JSON <see cref="StatReport"/> and the socket closes. `tcpgen stat` reads it. The socket file is removed on dispose.
    /// </summary>
    public sealed class StatEndpoint : IAsyncDisposable
    {
        /// <summary>The stack whose counters are served.</summary>
        private readonly TcpStack _stack;

        /// <summary>The listening Unix socket.</summary>
        private readonly Socket _listener;

        /// <summary>Stops the accept loop on dispose.</summary>
        private readonly CancellationTokenSource _stopping = new();

        /// <summary>The accept loop, awaited on dispose.</summary>
        private readonly Task _loop;

        private StatEndpoint(TcpStack stack, string path, Socket listener)
        {
            _stack = stack;
            Path = path;
            _listener = listener;
            _loop = AcceptLoopAsync();
        }

        /// <summary>The socket file.</summary>
        public string Path { get; }

        /// <summary>Starts serving at <paramref name="path"/> (default: $TCPGEN_STAT_DIR or /tmp/tcpgen, NAME-PID.sock).</summary>
        public static StatEndpoint Start(TcpStack stack, string? path = null)
        {
            ArgumentNullException.ThrowIfNull(stack);
            path ??= StatDirectory.SocketFor(stack.Name);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
            File.Delete(path); // a stale file from a crashed run would make bind fail
            var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                listener.Bind(new UnixDomainSocketEndPoint(path));
                listener.Listen(8);
            }
            catch
            {
                listener.Dispose();
                throw;
            }

            return new StatEndpoint(stack, path, listener);
        }

        /// <summary>The report for the stack as it is now.</summary>
        public static async Task<StatReport> ReportAsync(TcpStack stack, CancellationToken cancellationToken)
        {
            TcpStackSnapshot snapshot = await stack.GetSnapshotAsync(cancellationToken).ConfigureAwait(false);
            var report = new StatReport { Name = stack.Name, ProcessId = Environment.ProcessId, Address = stack.LocalAddress.ToString() };
            foreach (KeyValuePair<string, int> state in snapshot.ConnectionsByState())
            {
                report.States[state.Key] = state.Value;
            }

            report.Counters["segments-received"] = snapshot.SegmentsReceived;
            report.Counters["segments-sent"] = snapshot.SegmentsSent;
            report.Counters["retransmissions"] = snapshot.Retransmissions;
            report.Counters["retransmission-timeouts"] = snapshot.RetransmissionTimeouts;
            report.Counters["fast-retransmits"] = snapshot.FastRetransmits;
            report.Counters["duplicate-acks-received"] = snapshot.DuplicateAcksReceived;
            report.Counters["lost-retransmissions"] = snapshot.LostRetransmissions;
            report.Counters["loss-probes"] = snapshot.LossProbes;
            report.Counters["active-opens"] = snapshot.ActiveOpens;
            report.Counters["passive-opens"] = snapshot.PassiveOpens;
            report.Counters["resets-sent"] = snapshot.ResetsSent;
            report.Counters["resets-received"] = snapshot.ResetsReceived;
            report.Counters["challenge-acks-sent"] = snapshot.ChallengeAcksSent;
            report.Counters["listen-overflows"] = snapshot.ListenOverflows;
            foreach (KeyValuePair<string, long> drop in snapshot.Drops)
            {
                report.Drops[drop.Key] = drop.Value;
            }

            return report;
        }

        private async Task AcceptLoopAsync()
        {
            while (!_stopping.IsCancellationRequested)
            {
                Socket client;
                try
                {
                    client = await _listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }

                using (client)
                {
                    try
                    {
                        StatReport report = await ReportAsync(_stack, _stopping.Token).ConfigureAwait(false);
                        byte[] json = JsonSerializer.SerializeToUtf8Bytes(report, StatJsonContext.Default.StatReport);
                        await client.SendAsync(json, SocketFlags.None, _stopping.Token).ConfigureAwait(false);
                        client.Shutdown(SocketShutdown.Both);
                    }
                    catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or InvalidOperationException)
                    {
                        // The reader went away or the stack is stopping: nothing to report to anyone.
                    }
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
            _listener.Dispose();
            await _loop.ConfigureAwait(false);
            _stopping.Dispose();
            File.Delete(Path);
        }
    }
}
