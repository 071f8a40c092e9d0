using System;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;
using TcpGen.Runtime.Hosting;

namespace TcpGen.Cli.Apps
{
    /// <summary>
    /// Character generator (RFC 864): sends lines of 72 printable ASCII characters, each starting one character
    /// further along the 95-character cycle, until the peer half-closes (or resets); received data is discarded.
    /// </summary>
    public sealed class ChargenApp : IServerApp
    {
        /// <summary>Printable characters per line, as in RFC 864's example.</summary>
        public const int LineLength = 72;

        /// <summary>The printable ASCII characters from ' ' to '~'.</summary>
        private const int CycleLength = 95;

        /// <summary>Lines per write: a little over 4 KiB.</summary>
        private const int LinesPerWrite = 56;

        /// <inheritdoc />
        public string Name => "chargen";

        /// <summary>Line number <paramref name="index"/> (0-based) with its CR LF, as sent.</summary>
        public static void WriteLine(Span<byte> destination, long index)
        {
            // Line 0 starts at '!', as in RFC 864's example; each later line one character further round the cycle.
            int start = (int)((index + 1) % CycleLength);
            for (int i = 0; i < LineLength; i++)
            {
                destination[i] = (byte)(' ' + ((start + i) % CycleLength));
            }

            destination[LineLength] = (byte)'\r';
            destination[LineLength + 1] = (byte)'\n';
        }

        /// <inheritdoc />
        public async Task RunAsync(TcpConnection connection, CancellationToken stopping)
        {
            using var peerDone = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            Task draining = DrainAsync(connection.Input, peerDone);
            byte[] block = new byte[CycleLength * (LineLength + 2)];
            for (int line = 0; line < CycleLength; line++)
            {
                WriteLine(block.AsSpan(line * (LineLength + 2)), line);
            }

            PipeWriter output = connection.Output;
            long next = 0;
            try
            {
                while (!peerDone.IsCancellationRequested)
                {
                    int first = (int)(next % CycleLength);
                    int count = Math.Min(LinesPerWrite, CycleLength - first);
                    FlushResult flush = await output.WriteAsync(block.AsMemory(first * (LineLength + 2), count * (LineLength + 2)), peerDone.Token).ConfigureAwait(false);
                    next += count;
                    if (flush.IsCompleted)
                    {
                        break;
                    }
                }
            }
            catch (OperationCanceledException) when (peerDone.IsCancellationRequested && !stopping.IsCancellationRequested)
            {
                // The peer half-closed: stop generating.
            }

            await output.CompleteAsync().ConfigureAwait(false);
            await draining.ConfigureAwait(false);
        }

        /// <summary>Discards input until the peer's end of stream, then signals the generator to stop.</summary>
        private static async Task DrainAsync(PipeReader input, CancellationTokenSource peerDone)
        {
            try
            {
                while (true)
                {
                    ReadResult result = await input.ReadAsync(peerDone.Token).ConfigureAwait(false);
                    input.AdvanceTo(result.Buffer.End);
                    if (result.IsCompleted)
                    {
                        break;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (TcpConnectionException)
            {
                // The generator sees the same failure on its next write.
            }

            await peerDone.CancelAsync().ConfigureAwait(false);
        }
    }
}
