using System;
using System.IO;
using System.Threading.Tasks;
using TcpGen.Runtime.Engine;
using TcpGen.Runtime.Hosting;
using Xunit;
using TcpConnection = TcpGen.Runtime.Hosting.TcpConnection;

namespace TcpGen.Runtime.Tests.Hosting
{
    /// <summary>ShutdownOutputAsync: our side stops sending, the other keeps sending (RFC 9293 3.6 half-close).</summary>
    public class HalfCloseTest
    {
        [Fact]
        public async Task PeerShouldKeepSendingAfterOurShutdownOutput()
        {
            await using var pair = new StackPair();
            (TcpConnection client, TcpConnection server, _) = await pair.OpenAsync();
            Stream clientStream = client.GetStream();
            Stream serverStream = server.GetStream();

            await clientStream.WriteAsync("request"u8.ToArray()).WithTimeout();
            await client.ShutdownOutputAsync().WithTimeout();

            // The server reads the request, then end-of-stream, and is in CLOSE-WAIT.
            var request = new MemoryStream();
            await serverStream.CopyToAsync(request).WithTimeout();
            Assert.Equal("request"u8.ToArray(), request.ToArray());
            await server.WhenState(TcpState.CloseWait);

            // It can still answer; the client, in FIN-WAIT-2, reads the whole answer.
            byte[] answer = new byte[50_000];
            answer.AsSpan().Fill(0x5A);
            await serverStream.WriteAsync(answer).WithTimeout();
            await server.CloseAsync().WithTimeout();

            var received = new MemoryStream();
            await clientStream.CopyToAsync(received).WithTimeout();
            Assert.Equal(answer, received.ToArray());
            Assert.Equal(EndReason.Graceful, server.EndReason);
        }

        [Fact]
        public async Task WritingAfterShutdownOutputShouldFail()
        {
            await using var pair = new StackPair();
            (TcpConnection client, _, _) = await pair.OpenAsync();
            await client.ShutdownOutputAsync().WithTimeout();

            await Assert.ThrowsAnyAsync<System.InvalidOperationException>(() => client.GetStream().WriteAsync(new byte[1]).WithTimeout());
        }
    }
}
