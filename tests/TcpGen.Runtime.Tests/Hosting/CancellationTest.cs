using System;
using System.Threading;
using System.Threading.Tasks;
using TcpGen.Runtime.Engine;
using TcpGen.Runtime.Hosting;
using TcpGen.Runtime.Links;
using Xunit;
using TcpConnection = TcpGen.Runtime.Hosting.TcpConnection;

namespace TcpGen.Runtime.Tests.Hosting
{
    /// <summary>CancellationToken on AcceptAsync, ConnectAsync and reads: the call ends, the stack goes on.</summary>
    public class CancellationTest
    {
        [Fact]
        public async Task CancelledAcceptShouldThrowAndLeaveTheListenerUsable()
        {
            await using var pair = new StackPair();
            ConnectionListener listener = await pair.Server.ListenAsync(StackPair.Port).WithTimeout();
            using var cancel = new CancellationTokenSource();
            ValueTask<TcpConnection> accept = listener.AcceptAsync(cancel.Token);

            cancel.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => accept.WithTimeout());
            (TcpConnection client, TcpConnection server) = await pair.ConnectAsync(listener);
            Assert.Equal(client.LocalEndpoint, server.RemoteEndpoint);
        }

        [Fact]
        public async Task AlreadyCancelledAcceptShouldThrowAtOnce()
        {
            await using var pair = new StackPair();
            ConnectionListener listener = await pair.Server.ListenAsync(StackPair.Port).WithTimeout();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listener.AcceptAsync(new CancellationToken(true)).WithTimeout());
        }

        [Fact]
        public async Task CancelledConnectShouldThrowAndAbandonTheAttempt()
        {
            // The far end of the wire is not a stack: the SYN goes nowhere and the handshake never completes.
            (InMemoryLink stackLink, InMemoryLink blackHole) = InMemoryLink.CreatePair();
            await using var stack = new TcpStack(stackLink, StackPair.Options(StackPair.ClientAddress, "connect-cancel", 2, null));
            using var cancel = new CancellationTokenSource();
            ValueTask<TcpConnection> connect = stack.ConnectAsync(StackPair.ServerEndpoint, cancel.Token);
            await WhenSynSent(stack);

            cancel.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connect.WithTimeout());
            TcpStackSnapshot snapshot = await stack.GetSnapshotAsync().WithTimeout();
            Assert.Equal(0, snapshot.Count(TcpState.SynSent));
            blackHole.Dispose();
        }

        [Fact]
        public async Task CancelledReadShouldThrowAndLaterReadsStillWork()
        {
            await using var pair = new StackPair();
            (TcpConnection client, TcpConnection server, _) = await pair.OpenAsync();
            using var cancel = new CancellationTokenSource();
            ValueTask<int> read = server.GetStream().ReadAsync(new byte[10], cancel.Token);

            cancel.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WithTimeout());
            await client.GetStream().WriteAsync(new byte[] { 42 }).WithTimeout();
            byte[] buffer = new byte[10];
            Assert.Equal(1, await server.GetStream().ReadAsync(buffer).WithTimeout());
            Assert.Equal(42, buffer[0]);
        }

        [Fact]
        public async Task CancelledPipeReadShouldThrowAndLaterReadsStillWork()
        {
            await using var pair = new StackPair();
            (TcpConnection client, TcpConnection server, _) = await pair.OpenAsync();
            using var cancel = new CancellationTokenSource();
            ValueTask<System.IO.Pipelines.ReadResult> read = server.Input.ReadAsync(cancel.Token);

            cancel.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WithTimeout());
            await client.Output.WriteAsync(new byte[] { 1, 2 }).WithTimeout();
            Assert.Equal(new byte[] { 1, 2 }, await DuplexPipeTest.ReadAtLeast(server.Input, 2));
        }

        /// <summary>Waits until the stack's snapshot shows the connection in SYN-SENT.</summary>
        private static async Task WhenSynSent(TcpStack stack)
        {
            DateTime deadline = DateTime.UtcNow + TestTimeouts.Default;
            while ((await stack.GetSnapshotAsync().WithTimeout()).Count(TcpState.SynSent) == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "the connection never reached SYN-SENT");
                await Task.Yield();
            }
        }
    }
}
