using System;
using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TcpGen.Runtime.Hosting;

namespace TcpGen.Cli.Apps
{
    /// <summary>
    /// A minimal HTTP/1.1 server (RFC 9110, RFC 9112): GET or HEAD <c>/</c> returns a small HTML page, <c>/bytes/N</c>
    /// returns N bytes of text (see <see cref="FillBody"/>), anything else 404. Every response has a Content-Length;
    /// HTTP/1.1 connections stay open for further requests unless the client says "Connection: close" (HTTP/1.0
    /// ones only with "keep-alive"). Malformed requests get 400 and the connection is closed.
    /// </summary>
    public sealed class HttpApp : IServerApp
    {
        /// <summary>The largest request head accepted; longer ones get 431.</summary>
        public const int MaxHeadLength = 8192;

        /// <summary>The largest /bytes/N served (1 GiB).</summary>
        public const long MaxBodyLength = 1L << 30;

        /// <summary>The page served at /.</summary>
        public const string IndexPage = "<!DOCTYPE html>\n<html><head><title>TcpGen</title></head><body><h1>Hello from TcpGen</h1><p>This page came over a userspace TCP stack driven by a generated RFC 9293 state table.</p><p>Try <a href=\"/bytes/1000000\">/bytes/1000000</a>.</p></body></html>\n";

        /// <summary>The blank line that ends a request head.</summary>
        private static ReadOnlySpan<byte> HeadEnd => "\r\n\r\n"u8;

        /// <summary>A body block: the pattern's period (26) divides its length, so every block is the same.</summary>
        private static readonly byte[] s_block = CreateBlock(26 * 2520);

        /// <inheritdoc />
        public string Name => "http";

        /// <summary>Fills <paramref name="destination"/> with body bytes starting at <paramref name="offset"/>: 'a' to 'z' over and over.</summary>
        public static void FillBody(Span<byte> destination, long offset)
        {
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = (byte)('a' + (int)((offset + i) % 26));
            }
        }

        /// <inheritdoc />
        public async Task RunAsync(TcpConnection connection, CancellationToken stopping)
        {
            PipeReader input = connection.Input;
            PipeWriter output = connection.Output;
            bool keepAlive = true;
            while (keepAlive && !stopping.IsCancellationRequested)
            {
                ReadResult result = await input.ReadAsync(stopping).ConfigureAwait(false);
                ReadOnlySequence<byte> buffer = result.Buffer;
                var reader = new SequenceReader<byte>(buffer);
                if (!reader.TryReadTo(out ReadOnlySequence<byte> head, HeadEnd, advancePastDelimiter: true))
                {
                    if (buffer.Length > MaxHeadLength)
                    {
                        input.AdvanceTo(buffer.End);
                        await RespondAsync(output, 431, "Request Header Fields Too Large", "text/plain", "request head too large\n", close: true, stopping).ConfigureAwait(false);
                        break;
                    }

                    if (result.IsCompleted)
                    {
                        input.AdvanceTo(buffer.End);
                        if (!buffer.IsEmpty)
                        {
                            await RespondAsync(output, 400, "Bad Request", "text/plain", "incomplete request\n", close: true, stopping).ConfigureAwait(false);
                        }

                        break;
                    }

                    input.AdvanceTo(buffer.Start, buffer.End);
                    continue;
                }

                // Measure and parse before AdvanceTo: after it the head's memory goes back to the pipe.
                bool tooLong = head.Length > MaxHeadLength;
                HttpRequestHead? request = tooLong ? null : HttpRequestHead.TryParse(head.ToArray());
                input.AdvanceTo(reader.Position);
                if (tooLong)
                {
                    await RespondAsync(output, 431, "Request Header Fields Too Large", "text/plain", "request head too large\n", close: true, stopping).ConfigureAwait(false);
                    break;
                }

                if (request is null)
                {
                    await RespondAsync(output, 400, "Bad Request", "text/plain", "malformed request\n", close: true, stopping).ConfigureAwait(false);
                    break;
                }

                if (request.HasTransferEncoding)
                {
                    await RespondAsync(output, 501, "Not Implemented", "text/plain", "request bodies with Transfer-Encoding are not supported\n", close: true, stopping).ConfigureAwait(false);
                    break;
                }

                if (!await SkipBodyAsync(input, request.ContentLength, stopping).ConfigureAwait(false))
                {
                    break;
                }

                keepAlive = request.KeepAlive;
                await AnswerAsync(output, request, !keepAlive, stopping).ConfigureAwait(false);
            }

            await output.CompleteAsync().ConfigureAwait(false);
        }

        /// <summary>Routes one request.</summary>
        private static async Task AnswerAsync(PipeWriter output, HttpRequestHead request, bool close, CancellationToken stopping)
        {
            bool head = request.Method == "HEAD";
            if (request.Method != "GET" && !head)
            {
                await RespondAsync(output, 405, "Method Not Allowed", "text/plain", "only GET and HEAD\n", close, stopping, extraHeaders: "Allow: GET, HEAD\r\n").ConfigureAwait(false);
                return;
            }

            string path = request.Target;
            if (path == "/")
            {
                await RespondAsync(output, 200, "OK", "text/html; charset=utf-8", IndexPage, close, stopping, omitBody: head).ConfigureAwait(false);
                return;
            }

            const string bytesPrefix = "/bytes/";
            if (path.StartsWith(bytesPrefix, StringComparison.Ordinal)
                && long.TryParse(path.AsSpan(bytesPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out long length)
                && length <= MaxBodyLength)
            {
                await WriteHeadAsync(output, 200, "OK", "application/octet-stream", length, close, "", stopping).ConfigureAwait(false);
                if (!head)
                {
                    await WriteBodyAsync(output, length, stopping).ConfigureAwait(false);
                }

                return;
            }

            await RespondAsync(output, 404, "Not Found", "text/plain", "not found: " + path + "\n", close, stopping, omitBody: head).ConfigureAwait(false);
        }

        /// <summary>Reads and drops a request body of <paramref name="length"/> bytes; false when the connection ended first.</summary>
        private static async Task<bool> SkipBodyAsync(PipeReader input, long length, CancellationToken stopping)
        {
            while (length > 0)
            {
                ReadResult result = await input.ReadAsync(stopping).ConfigureAwait(false);
                long take = Math.Min(length, result.Buffer.Length);
                input.AdvanceTo(result.Buffer.GetPosition(take));
                length -= take;
                if (length > 0 && result.IsCompleted)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>A complete response with a short text body.</summary>
        private static async Task RespondAsync(PipeWriter output, int status, string reason, string contentType, string body, bool close, CancellationToken stopping, string extraHeaders = "", bool omitBody = false)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(body);
            await WriteHeadAsync(output, status, reason, contentType, bytes.Length, close, extraHeaders, stopping).ConfigureAwait(false);
            if (!omitBody)
            {
                await output.WriteAsync(bytes, stopping).ConfigureAwait(false);
            }
        }

        /// <summary>Status line and headers.</summary>
        private static async Task WriteHeadAsync(PipeWriter output, int status, string reason, string contentType, long contentLength, bool close, string extraHeaders, CancellationToken stopping)
        {
            string head = string.Create(
                CultureInfo.InvariantCulture,
                $"HTTP/1.1 {status} {reason}\r\nServer: tcpgen\r\nContent-Type: {contentType}\r\nContent-Length: {contentLength}\r\n{extraHeaders}{(close ? "Connection: close\r\n" : "")}\r\n");
            await output.WriteAsync(Encoding.ASCII.GetBytes(head), stopping).ConfigureAwait(false);
        }

        /// <summary>Streams <paramref name="length"/> body bytes.</summary>
        private static async Task WriteBodyAsync(PipeWriter output, long length, CancellationToken stopping)
        {
            long sent = 0;
            while (sent < length)
            {
                int count = (int)Math.Min(s_block.Length, length - sent);
                FlushResult flush = await output.WriteAsync(s_block.AsMemory(0, count), stopping).ConfigureAwait(false);
                sent += count;
                if (flush.IsCompleted)
                {
                    return;
                }
            }
        }

        private static byte[] CreateBlock(int length)
        {
            byte[] block = new byte[length];
            FillBody(block, 0);
            return block;
        }
    }
}
