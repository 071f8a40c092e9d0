using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TcpGen.Cli.Apps;
using TcpGen.Integration.Tests.Infrastructure;
using TcpGen.Runtime.Hosting;
using Xunit;

namespace TcpGen.Integration.Tests.Apps
{
    /// <summary>serve's HTTP app between two TcpGen stacks in memory: routes, Content-Length, keep-alive, and bad requests.</summary>
    public sealed class HttpAppTest
    {
        /// <summary>Generous limit for one exchange in memory.</summary>
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

        [Fact]
        public async Task GetRootShouldReturnTheIndexPageWithContentLength()
        {
            await using InMemoryPair pair = await InMemoryPair.StartAsync(() => new HttpApp());
            string response = await ExchangeAsync(pair, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

            Assert.StartsWith("HTTP/1.1 200 OK\r\n", response, StringComparison.Ordinal);
            Assert.Contains("Content-Length: " + Encoding.UTF8.GetByteCount(HttpApp.IndexPage) + "\r\n", response, StringComparison.Ordinal);
            Assert.Contains("Connection: close\r\n", response, StringComparison.Ordinal);
            Assert.EndsWith("\r\n\r\n" + HttpApp.IndexPage, response, StringComparison.Ordinal);
        }

        [Fact]
        public async Task GetBytesShouldReturnExactlyThatManyPatternBytes()
        {
            await using InMemoryPair pair = await InMemoryPair.StartAsync(() => new HttpApp());
            string response = await ExchangeAsync(pair, "GET /bytes/100000 HTTP/1.1\r\nConnection: close\r\n\r\n");

            string body = response.Substring(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4);
            byte[] expected = new byte[100000];
            HttpApp.FillBody(expected, 0);
            Assert.Contains("Content-Length: 100000\r\n", response, StringComparison.Ordinal);
            Assert.Equal(Encoding.ASCII.GetString(expected), body);
        }

        [Fact]
        public async Task PipelinedRequestsShouldBeAnsweredInOrderOnOneConnectionUntilClose()
        {
            await using InMemoryPair pair = await InMemoryPair.StartAsync(() => new HttpApp());
            string response = await ExchangeAsync(pair, "GET /bytes/3 HTTP/1.1\r\n\r\nHEAD /bytes/5 HTTP/1.1\r\n\r\nGET /nope HTTP/1.1\r\nConnection: close\r\n\r\n", halfClose: false);

            string[] parts = response.Split("HTTP/1.1 ", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(3, parts.Length);
            Assert.StartsWith("200 OK", parts[0], StringComparison.Ordinal);
            Assert.EndsWith("\r\n\r\nabc", parts[0], StringComparison.Ordinal);
            Assert.StartsWith("200 OK", parts[1], StringComparison.Ordinal);
            Assert.Contains("Content-Length: 5\r\n", parts[1], StringComparison.Ordinal);
            Assert.EndsWith("\r\n\r\n", parts[1], StringComparison.Ordinal);
            Assert.StartsWith("404 Not Found", parts[2], StringComparison.Ordinal);
            Assert.EndsWith("not found: /nope\n", parts[2], StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("POST / HTTP/1.1\r\nContent-Length: 4\r\nConnection: close\r\n\r\nbody", "405 Method Not Allowed")]
        [InlineData("hello\r\n\r\n", "400 Bad Request")]
        [InlineData("GET / HTTP/2.0\r\n\r\n", "400 Bad Request")]
        [InlineData("GET / HTTP/1.1\r\nno colon here\r\n\r\n", "400 Bad Request")]
        [InlineData("GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", "501 Not Implemented")]
        [InlineData("GET /bytes/x HTTP/1.1\r\nConnection: close\r\n\r\n", "404 Not Found")]
        [InlineData("GET /bytes/99999999999 HTTP/1.1\r\nConnection: close\r\n\r\n", "404 Not Found")]
        public async Task UnservableRequestShouldGetItsStatusAndTheConnectionShouldEnd(string request, string status)
        {
            await using InMemoryPair pair = await InMemoryPair.StartAsync(() => new HttpApp());

            string response = await ExchangeAsync(pair, request, halfClose: false);

            Assert.StartsWith("HTTP/1.1 " + status + "\r\n", response, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Http10WithoutKeepAliveShouldCloseAfterTheResponse()
        {
            await using InMemoryPair pair = await InMemoryPair.StartAsync(() => new HttpApp());

            string response = await ExchangeAsync(pair, "GET /bytes/2 HTTP/1.0\r\n\r\n", halfClose: false);

            Assert.Contains("Connection: close\r\n", response, StringComparison.Ordinal);
            Assert.EndsWith("\r\n\r\nab", response, StringComparison.Ordinal);
        }

        [Fact]
        public async Task OversizedHeadShouldGet431()
        {
            await using InMemoryPair pair = await InMemoryPair.StartAsync(() => new HttpApp());

            string response = await ExchangeAsync(pair, "GET / HTTP/1.1\r\nX-Long: " + new string('a', HttpApp.MaxHeadLength + 10) + "\r\n\r\n", halfClose: false);

            Assert.True(response.StartsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n", StringComparison.Ordinal), "response: " + response.Length + " chars: " + response.Substring(0, Math.Min(200, response.Length)));
        }

        [Theory]
        [InlineData("GET / HTTP/1.1", true)]
        [InlineData("GET / HTTP/1.1\r\nConnection: close", false)]
        [InlineData("GET / HTTP/1.1\r\nconnection: Keep-Alive, CLOSE", false)]
        [InlineData("GET / HTTP/1.0", false)]
        [InlineData("GET / HTTP/1.0\r\nConnection: keep-alive", true)]
        public void KeepAliveShouldFollowVersionAndConnectionHeader(string head, bool keepAlive)
        {
            HttpRequestHead? parsed = HttpRequestHead.TryParse(Encoding.ASCII.GetBytes(head));

            Assert.NotNull(parsed);
            Assert.Equal(keepAlive, parsed.KeepAlive);
        }

        [Theory]
        [InlineData("")]
        [InlineData("GET /")]
        [InlineData("GET  / HTTP/1.1")]
        [InlineData("GET / HTTP/1.1\r\nContent-Length: -1")]
        [InlineData("GET / HTTP/1.1\r\nName : value")]
        [InlineData("GET /\u00e9 HTTP/1.1")]
        public void MalformedHeadShouldNotParse(string head)
        {
            Assert.Null(HttpRequestHead.TryParse(Encoding.Latin1.GetBytes(head)));
        }

        /// <summary>Sends <paramref name="request"/> (then half-closes if asked) and reads the whole response until the server closes.</summary>
        private static async Task<string> ExchangeAsync(InMemoryPair pair, string request, bool halfClose = true)
        {
            using var cancel = new CancellationTokenSource(Timeout);
            using TcpConnection connection = await pair.ConnectAsync();
            await connection.Output.WriteAsync(Encoding.Latin1.GetBytes(request), cancel.Token);
            if (halfClose)
            {
                await connection.ShutdownOutputAsync(cancel.Token);
            }

            using var response = new MemoryStream();
            await connection.Input.CopyToAsync(response, cancel.Token);
            return Encoding.Latin1.GetString(response.ToArray());
        }
    }
}
