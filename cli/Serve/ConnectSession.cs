using System;
using System.Buffers;
using System.IO;
using System.IO.Pipelines;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using TcpGen.Cli.Commands;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using TcpGen.Runtime.Hosting;

namespace TcpGen.Cli.Serve
{
    /// <summary>
    /// `tcpgen connect`: one TcpGen connection over a TUN device, like netcat: stdin goes to the peer (a half-close
    /// when stdin ends), what the peer sends goes to stdout, and the command ends when the peer closes. Exit 0 after
    /// a graceful close; 1 with one line on stderr when the connection is refused, reset or times out.
    /// </summary>
    internal static class ConnectSession
    {
        /// <summary>Bytes per stdin read.</summary>
        private const int ChunkSize = 64 * 1024;

        /// <summary>How long the close may take once the peer has closed or the user interrupted.</summary>
        private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(2);

        /// <summary>Runs the session; returns the exit code.</summary>
        public static async Task<int> RunAsync(TunStackSettings settings, IPEndPoint remote, Stream stdin, Stream stdout, TextWriter stderr, CancellationToken cancellationToken)
        {
            string target = remote.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{remote.Address}]:{remote.Port}" : $"{remote.Address}:{remote.Port}";
            await using TunStack host = TunStack.Open(settings, "connect");
            TcpConnection connection;
            try
            {
                connection = await host.Stack.ConnectAsync(IpAddress.FromIPAddress(remote.Address), (ushort)remote.Port, cancellationToken).ConfigureAwait(false);
            }
            catch (TcpConnectionException e)
            {
                return Fail(stderr, target, e.Reason);
            }
            catch (OperationCanceledException)
            {
                stderr.WriteLine($"tcpgen: error: connection to {target} interrupted before it was established");
                return ExitCodes.Failure;
            }

            using (connection)
            {
                using var uploadStop = new CancellationTokenSource();
                using var writerGate = new SemaphoreSlim(1);
                Task upload = Task.Run(() => UploadAsync(stdin, connection.Output, writerGate, uploadStop.Token), CancellationToken.None);
                try
                {
                    await DownloadAsync(connection.Input, stdout, cancellationToken).ConfigureAwait(false);

                    // The peer closed: whatever stdin still holds is not sent; finish our side too, once the upload lets go of the writer.
                    await uploadStop.CancelAsync().ConfigureAwait(false);
                    await writerGate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
                    using var grace = new CancellationTokenSource(CloseGrace);
                    await connection.CloseAsync(grace.Token).ConfigureAwait(false);
                    return ExitCodes.Success;
                }
                catch (TcpConnectionException e)
                {
                    return Fail(stderr, target, e.Reason);
                }
                catch (OperationCanceledException)
                {
                    await uploadStop.CancelAsync().ConfigureAwait(false);
                    if (connection.EndReason is EndReason.Reset or EndReason.TimedOut)
                    {
                        return Fail(stderr, target, connection.EndReason);
                    }

                    connection.Abort();
                    stderr.WriteLine(cancellationToken.IsCancellationRequested
                        ? $"tcpgen: error: connection to {target} interrupted; reset it"
                        : $"tcpgen: error: connection to {target} did not close within {CloseGrace.TotalSeconds} s; reset it");
                    return ExitCodes.Failure;
                }
                finally
                {
                    _ = upload.ContinueWith(static t => t.Exception, TaskScheduler.Default);
                }
            }
        }

        /// <summary>The one-line message for a connection that ended badly.</summary>
        private static int Fail(TextWriter stderr, string target, EndReason reason)
        {
            string what = reason switch
            {
                EndReason.Refused => "refused (the peer answered with a reset: nothing listens there)",
                EndReason.Reset => "reset by peer",
                EndReason.TimedOut => "timed out (no answer to retransmissions)",
                EndReason.Aborted => "aborted",
                _ => "failed",
            };
            stderr.WriteLine($"tcpgen: error: connection to {target} {what}");
            return ExitCodes.Failure;
        }

        /// <summary>Copies the peer's bytes to stdout until the peer's end of stream.</summary>
        private static async Task DownloadAsync(PipeReader input, Stream stdout, CancellationToken cancellationToken)
        {
            while (true)
            {
                ReadResult result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
                foreach (ReadOnlyMemory<byte> segment in result.Buffer)
                {
                    await stdout.WriteAsync(segment, cancellationToken).ConfigureAwait(false);
                }

                await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
                input.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    return;
                }
            }
        }

        /// <summary>
        /// Copies stdin to the connection, then half-closes; stops early (without half-closing) when cancelled. The
        /// writer is used only while holding <paramref name="gate"/>, and never again once cancelled, so the closing
        /// side can take it over safely.
        /// </summary>
        private static async Task UploadAsync(Stream stdin, PipeWriter output, SemaphoreSlim gate, CancellationToken stop)
        {
            byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    int read = await stdin.ReadAsync(buffer.AsMemory(0, ChunkSize), stop).ConfigureAwait(false);
                    await gate.WaitAsync(stop).ConfigureAwait(false);
                    try
                    {
                        if (stop.IsCancellationRequested)
                        {
                            return;
                        }

                        if (read == 0)
                        {
                            await output.CompleteAsync().ConfigureAwait(false);
                            return;
                        }

                        FlushResult flush = await output.WriteAsync(buffer.AsMemory(0, read), stop).ConfigureAwait(false);
                        if (flush.IsCompleted)
                        {
                            return;
                        }
                    }
                    finally
                    {
                        gate.Release();
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or TcpConnectionException or InvalidOperationException or IOException or ObjectDisposedException)
            {
                // The session is ending anyway; the download side reports why.
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
