using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TcpGen.Runtime;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using TcpGen.Runtime.Hosting;

namespace TcpGen.Cli.Demo
{
    /// <summary>
    /// The client half of the demo, the same against a TcpGen server or the kernel: connect (three-way handshake),
    /// send a request, half-close, keep reading the answer the server sends after our FIN, then the server's FIN
    /// completes the four-way close and we, the active closer, wait out TIME-WAIT.
    /// </summary>
    internal static class DemoScript
    {
        /// <summary>The server's answer, once it has read the whole request.</summary>
        public static string Answer(long received) => $"received {received} bytes, bye\n";

        /// <summary>The request bytes: a repeating readable pattern.</summary>
        public static byte[] Request(int length)
        {
            var bytes = new byte[length];
            for (int i = 0; i < length; i++)
            {
                bytes[i] = (byte)('a' + (i % 26));
            }

            return bytes;
        }

        /// <summary>Runs the client side; true when the server's answer matched what it should have received.</summary>
        public static async Task<bool> RunClientAsync(TcpStack client, IpAddress server, ushort port, int bytes, DemoTimeline timeline, CancellationToken cancellationToken)
        {
            timeline.Note($"client: active OPEN to {server}:{port}");
            TcpConnection connection = await client.ConnectAsync(server, port, cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                Stream stream = connection.GetStream();
                timeline.Note($"client: SEND {bytes} bytes");
                await stream.WriteAsync(Request(bytes), cancellationToken).ConfigureAwait(false);
                timeline.Note("client: half-close (CLOSE after the data; it keeps reading)");
                await connection.ShutdownOutputAsync(cancellationToken).ConfigureAwait(false);

                using var answer = new MemoryStream();
                await stream.CopyToAsync(answer, cancellationToken).ConfigureAwait(false);
                string text = Encoding.ASCII.GetString(answer.ToArray());
                timeline.Note($"client: read {answer.Length} bytes after its half-close, then end of stream: \"{text.TrimEnd()}\"");
                await connection.CloseAsync(cancellationToken).ConfigureAwait(false);
                timeline.Note($"client: closed {EndReasonName(connection)}; as the active closer it waits in TIME-WAIT for 2×MSL");
                return text == Answer(bytes);
            }
        }

        /// <summary>Waits until the stack has no connection left (TIME-WAIT expired), or gives up at the deadline.</summary>
        public static async Task<bool> WaitUntilEmptyAsync(TcpStack stack, TimeSpan limit, CancellationToken cancellationToken)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(limit);
            try
            {
                while (true)
                {
                    TcpStackSnapshot snapshot = await stack.GetSnapshotAsync(deadline.Token).ConfigureAwait(false);
                    if (snapshot.ConnectionsByState().Count == 0)
                    {
                        return true;
                    }

                    await Task.Delay(50, deadline.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }

        /// <summary>One line of totals for a stack.</summary>
        public static string Totals(string side, TcpStackSnapshot snapshot) =>
            $"{side}: segments in {snapshot.SegmentsReceived}, out {snapshot.SegmentsSent}, retransmitted {snapshot.Retransmissions}, resets sent {snapshot.ResetsSent}";

        private static string EndReasonName(TcpConnection connection) =>
            connection.EndReason == Runtime.Engine.EndReason.Graceful || connection.EndReason == Runtime.Engine.EndReason.None
                ? "gracefully"
                : "by " + connection.EndReason;

        /// <summary>A demo stack: the demo's MSL, and every table step it takes printed on the timeline.</summary>
        public static TcpStackOptions StackOptions(string name, IpAddress address, DemoSettings settings, DemoTimeline timeline) => new()
        {
            Name = name,
            LocalAddress = address,
            Engine = new TcpEngineOptions { MaximumSegmentLifetime = settings.Msl },
            TransitionObserver = new TimelineTransitionObserver(name, timeline),
        };
    }
}
