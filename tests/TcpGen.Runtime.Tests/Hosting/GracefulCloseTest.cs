using System.IO;
using System.Threading.Tasks;
using TcpGen.Runtime.Engine;
using TcpGen.Runtime.Hosting;
using Xunit;
using TcpConnection = TcpGen.Runtime.Hosting.TcpConnection;

namespace TcpGen.Runtime.Tests.Hosting
{
    /// <summary>CloseAsync: FIN after the data, completes when both FINs are exchanged (RFC 9293 3.6).</summary>
    public class GracefulCloseTest
    {
        [Fact]
        public async Task CloseOnBothSidesShouldCompleteGracefully()
        {
            await using var pair = new StackPair();
            (TcpConnection client, TcpConnection server, _) = await pair.OpenAsync();
            await client.GetStream().WriteAsync("last words"u8.ToArray()).WithTimeout();

            Task clientClosed = client.CloseAsync();
            var received = new MemoryStream();
            await server.GetStream().CopyToAsync(received).WithTimeout();
            Assert.Equal("last words"u8.ToArray(), received.ToArray());
            await server.CloseAsync().WithTimeout();
            await clientClosed.WithTimeout();

            // The active closer waits in TIME-WAIT (MUST-13), the passive one is CLOSED; both ended gracefully.
            Assert.Equal(EndReason.Graceful, client.EndReason);
            Assert.Equal(EndReason.Graceful, server.EndReason);
            Assert.Equal(TcpState.TimeWait, client.State);
            Assert.Equal(TcpState.Closed, server.State);
            Assert.True(client.Completion.IsCompletedSuccessfully);
            Assert.True(server.Completion.IsCompletedSuccessfully);
        }

        [Fact]
        public async Task CloseAsyncShouldNotCompleteBeforeThePeerCloses()
        {
            await using var pair = new StackPair();
            (TcpConnection client, TcpConnection server, _) = await pair.OpenAsync();

            Task clientClosed = client.CloseAsync();
            await server.WhenState(TcpState.CloseWait);
            await client.WhenState(TcpState.FinWait2);
            Assert.False(clientClosed.IsCompleted);
            Assert.Equal(EndReason.None, client.EndReason);

            await server.CloseAsync().WithTimeout();
            await clientClosed.WithTimeout();
            Assert.Equal(EndReason.Graceful, client.EndReason);
        }

        [Fact]
        public async Task CloseShouldDeliverEverythingWrittenBeforeIt()
        {
            await using var pair = new StackPair();
            (TcpConnection client, TcpConnection server, _) = await pair.OpenAsync();
            byte[] data = new byte[300_000];
            new System.Random(5).NextBytes(data);

            Task write = Task.Run(async () =>
            {
                await client.GetStream().WriteAsync(data);
                await client.CloseAsync();
            });
            var received = new MemoryStream();
            await server.GetStream().CopyToAsync(received).WithTimeout();
            await server.CloseAsync().WithTimeout();
            await write.WithTimeout();
            Assert.Equal(data, received.ToArray());
        }
    }
}
