using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TcpGen.Cli.Apps;
using TcpGen.Runtime.Engine;
using TcpGen.Runtime.Hosting;

namespace TcpGen.Cli.Serve
{
    /// <summary>
    /// `tcpgen serve`: a TcpGen listener on a TUN device running one app per accepted connection until cancelled
    /// (Ctrl-C, SIGTERM); then it stops listening, asks every app to stop, closes each connection gracefully (a FIN,
    /// and up to <see cref="CloseGrace"/> for the peer's), resets those that do not finish, and stops the stack.
    /// </summary>
    internal static class ServeHost
    {
        /// <summary>How long connections get to close gracefully once the server stops.</summary>
        public static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(1);

        /// <summary>Runs the server; returns the exit code.</summary>
        public static async Task<int> RunAsync(TunStackSettings settings, ushort port, string appName, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
        {
            var log = new LineLog(stdout);
            await using TunStack host = TunStack.Open(settings, "serve");
            ConnectionListener listener;
            try
            {
                listener = await host.Stack.ListenAsync(port, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException e)
            {
                stderr.WriteLine("tcpgen: error: cannot listen on " + settings.Address + ":" + port + ": " + Loading.OneLine.Of(e.Message));
                return Commands.ExitCodes.Failure;
            }
            catch (OperationCanceledException)
            {
                return Commands.ExitCodes.Success;
            }

            using ConnectionListener listening = listener;
            string where = settings.NetworkNamespace is { } ns ? $" in network namespace {ns}" : "";
            string kernel = settings.Kernel is { } k ? $", kernel side {k.Cidr}" : "";
            log.Write($"tcpgen serve: {appName} on {settings.Address}:{port} over TUN {host.Tun.DeviceName}{where}{kernel}; stat socket {host.StatPath}; Ctrl-C or SIGTERM stops");

            using var stopping = new CancellationTokenSource();
            using var closeDeadline = new CancellationTokenSource();
            var running = new List<Task>();
            long accepted = 0;
            while (true)
            {
                TcpConnection connection;
                try
                {
                    connection = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                accepted++;
                IServerApp app = ServerApps.Create(appName)!;
                running.RemoveAll(t => t.IsCompleted);
                running.Add(ServeOneAsync(connection, app, log, stopping.Token, closeDeadline.Token));
            }

            listener.Dispose();
            await stopping.CancelAsync().ConfigureAwait(false);
            closeDeadline.CancelAfter(CloseGrace);
            await Task.WhenAll(running).ConfigureAwait(false);
            TcpStackSnapshot snapshot = await host.Stack.GetSnapshotAsync(CancellationToken.None).ConfigureAwait(false);
            log.Write($"tcpgen serve: stopped; {accepted} connection(s) served, {snapshot.SegmentsReceived} segments in, {snapshot.SegmentsSent} out, {snapshot.Retransmissions} retransmitted");
            return 0;
        }

        /// <summary>Runs the app on one connection, then closes it gracefully (or resets it when the server is stopping and the peer is slow).</summary>
        private static async Task ServeOneAsync(TcpConnection connection, IServerApp app, LineLog log, CancellationToken stopping, CancellationToken closeDeadline)
        {
            string peer = $"{connection.RemoteEndpoint.Address}:{connection.RemoteEndpoint.Port}";
            log.Write(peer + " open");
            string outcome;
            try
            {
                await Task.Yield();
                try
                {
                    await app.RunAsync(connection, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    // The server is stopping: close below.
                }

                await connection.CloseAsync(closeDeadline).ConfigureAwait(false);
                outcome = "closed";
            }
            catch (OperationCanceledException)
            {
                connection.Abort();
                outcome = "reset (did not close within " + CloseGrace.TotalSeconds + " s of stopping)";
            }
            catch (TcpConnectionException e)
            {
                outcome = e.Reason == EndReason.Reset ? "reset by peer" : TcpConnectionException.MessageFor(e.Reason);
            }
            catch (InvalidOperationException e)
            {
                // A pipe used after the connection ended underneath the app.
                outcome = "ended: " + Loading.OneLine.Of(e.Message);
            }
            finally
            {
                connection.Dispose();
            }

            log.Write(peer + " " + outcome);
        }

        /// <summary>Serialises log lines from concurrent connections.</summary>
        private sealed class LineLog(TextWriter writer)
        {
            /// <summary>Guards the writer.</summary>
            private readonly Lock _gate = new();

            public void Write(string line)
            {
                lock (_gate)
                {
                    writer.WriteLine(line);
                    writer.Flush();
                }
            }
        }
    }
}
