using System;
using System.Buffers;
using System.IO.Pipelines;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using TcpGen.KernelPeer;
using TcpGen.Runtime.Hosting;

namespace TcpGen.Integration.Tests.Infrastructure
{
    /// <summary>
    /// The TcpGen side's counterpart of the kernel peer's connection script: receive everything (hashing it) while
    /// sending <c>sendBytes</c> of the same pattern stream, then half-close; or send only after the peer's FIN.
    /// </summary>
    internal static class StackScript
    {
        /// <summary>Bytes per pattern chunk (a multiple of 8, as the pattern needs).</summary>
        private const int ChunkSize = 64 * 1024;

        /// <summary>Runs the script on <paramref name="connection"/>; socket-level failures end up in <see cref="PeerReport.End"/>.</summary>
        public static async Task<PeerReport> RunAsync(TcpConnection connection, long sendBytes, ulong seed, bool sendAfterEof, bool close, CancellationToken cancellation)
        {
            using var receivedHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using var sentHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long received = 0;
            long sent = 0;
            string end = "eof";

            async Task ReceiveAsync()
            {
                PipeReader reader = connection.Input;
                while (true)
                {
                    ReadResult result = await reader.ReadAsync(cancellation).ConfigureAwait(false);
                    foreach (ReadOnlyMemory<byte> segment in result.Buffer)
                    {
                        receivedHash.AppendData(segment.Span);
                        received += segment.Length;
                    }

                    reader.AdvanceTo(result.Buffer.End);
                    if (result.IsCompleted)
                    {
                        return;
                    }
                }
            }

            async Task SendAsync(Task receiving)
            {
                if (sendAfterEof)
                {
                    await receiving.ConfigureAwait(false);
                }

                var pattern = new PatternStream(seed);
                byte[] chunk = new byte[ChunkSize];
                PipeWriter writer = connection.Output;
                while (sent < sendBytes)
                {
                    pattern.Fill(chunk);
                    int count = (int)Math.Min(chunk.Length, sendBytes - sent);
                    sentHash.AppendData(chunk, 0, count);
                    FlushResult flush = await writer.WriteAsync(chunk.AsMemory(0, count), cancellation).ConfigureAwait(false);
                    sent += count;
                    if (flush.IsCompleted)
                    {
                        return;
                    }
                }

                if (close)
                {
                    await connection.ShutdownOutputAsync(cancellation).ConfigureAwait(false);
                }
            }

            try
            {
                Task receiving = ReceiveAsync();
                await SendAsync(receiving).ConfigureAwait(false);
                await receiving.ConfigureAwait(false);
            }
            catch (TcpConnectionException e)
            {
                end = "error:" + e.Reason;
            }

            return new PeerReport(0, sent, Convert.ToHexStringLower(sentHash.GetHashAndReset()), received, Convert.ToHexStringLower(receivedHash.GetHashAndReset()), end);
        }
    }
}
