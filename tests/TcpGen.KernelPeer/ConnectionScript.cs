using System;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace TcpGen.KernelPeer
{
    /// <summary>
    /// What the peer does on one connected socket: receive (hashing everything, echoing it if asked) while sending
    /// the pattern stream, then half-close, or reset with SO_LINGER 0. Reports one line:
    /// <c>sent=N sent_sha256=HEX received=M received_sha256=HEX end=eof|reset-sent|error:SocketError</c>.
    /// </summary>
    internal static class ConnectionScript
    {
        /// <summary>Bytes per send and receive call.</summary>
        private const int ChunkSize = 64 * 1024;

        /// <summary>Runs the script and returns the report line (never throws for socket errors).</summary>
        public static async Task<string> RunAsync(Socket socket, PeerOptions options, ulong seed, CancellationToken cancellation)
        {
            using var receivedHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using var sentHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long received = 0;
            long sent = 0;
            string end = "eof";

            async Task ReceiveAsync()
            {
                byte[] buffer = new byte[ChunkSize];
                while (true)
                {
                    int count = await socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, cancellation).ConfigureAwait(false);
                    if (count == 0)
                    {
                        return;
                    }

                    receivedHash.AppendData(buffer, 0, count);
                    received += count;
                    if (options.Echo)
                    {
                        await SendAllAsync(socket, buffer.AsMemory(0, count), cancellation).ConfigureAwait(false);
                        sentHash.AppendData(buffer, 0, count);
                        sent += count;
                    }
                }
            }

            async Task SendAsync(Task receiving)
            {
                if (options.SendAfterEof || options.Echo)
                {
                    await receiving.ConfigureAwait(false);
                }

                var pattern = new PatternStream(seed);
                byte[] buffer = new byte[ChunkSize];
                while (sent < options.SendBytes)
                {
                    pattern.Fill(buffer);
                    int count = (int)Math.Min(buffer.Length, options.SendBytes - sent);
                    await SendAllAsync(socket, buffer.AsMemory(0, count), cancellation).ConfigureAwait(false);
                    sentHash.AppendData(buffer, 0, count);
                    sent += count;
                }

                if (options.CloseDelayMilliseconds > 0)
                {
                    await Task.Delay(options.CloseDelayMilliseconds, cancellation).ConfigureAwait(false);
                }

                if (options.Reset)
                {
                    socket.LingerState = new LingerOption(true, 0);
                    socket.Close();
                    end = "reset-sent";
                }
                else
                {
                    socket.Shutdown(SocketShutdown.Send);
                }
            }

            try
            {
                Task receiving = ReceiveAsync();
                Task sending = SendAsync(receiving);
                await sending.ConfigureAwait(false);
                if (!options.Reset)
                {
                    await receiving.ConfigureAwait(false);
                }
            }
            catch (SocketException e)
            {
                end = "error:" + e.SocketErrorCode;
            }
            catch (OperationCanceledException)
            {
                end = "timeout";
            }
            catch (ObjectDisposedException) when (options.Reset)
            {
                end = "reset-sent";
            }
            finally
            {
                socket.Dispose();
            }

            return string.Format(
                CultureInfo.InvariantCulture,
                "sent={0} sent_sha256={1} received={2} received_sha256={3} end={4}",
                sent,
                Convert.ToHexStringLower(sentHash.GetHashAndReset()),
                received,
                Convert.ToHexStringLower(receivedHash.GetHashAndReset()),
                end);
        }

        /// <summary>Sends every byte of <paramref name="data"/>.</summary>
        private static async Task SendAllAsync(Socket socket, ReadOnlyMemory<byte> data, CancellationToken cancellation)
        {
            while (!data.IsEmpty)
            {
                int count = await socket.SendAsync(data, SocketFlags.None, cancellation).ConfigureAwait(false);
                data = data.Slice(count);
            }
        }
    }
}
