using System;
using System.IO;
using System.Threading.Tasks;
using TcpGen.Runtime.Engine;
using TcpGen.Runtime.Hosting;
using Xunit;
using TcpConnection = TcpGen.Runtime.Hosting.TcpConnection;

namespace TcpGen.Runtime.Tests.Hosting
{
    /// <summary>Disposing a stack, a listener or a connection.</summary>
    public class DisposeTest
    {
        [Fact]
        [Trait("Requirement", "MUST-12")]
        public async Task DisposingTheStackShouldResetItsConnectionsAndFailPendingCalls()
        {
            await using var pair = new StackPair();
            (TcpConnection client, TcpConnection server, ConnectionListener listener) = await pair.OpenAsync();
            ValueTask<TcpConnection> pendingAccept = listener.AcceptAsync();

            await pair.Server.DisposeAsync().WithTimeout();

            await Assert.ThrowsAsync<ObjectDisposedException>(() => pendingAccept.WithTimeout());
            Assert.Equal(EndReason.Aborted, server.EndReason);
            Assert.True(pair.Server.Completion.IsCompletedSuccessfully);
            Assert.Null(pair.Server.LoopFault);

            // The peer learns of it from the reset the stack sent on its way out.
            await client.Completion.WithTimeout();
            Assert.Equal(EndReason.Reset, client.EndReason);
        }

        [Fact]
        public async Task CallsAfterDisposeShouldThrowObjectDisposed()
        {
            await using var pair = new StackPair();
            await pair.Server.DisposeAsync().WithTimeout();

            await Assert.ThrowsAsync<ObjectDisposedException>(() => pair.Server.ListenAsync(StackPair.Port).WithTimeout());
            await Assert.ThrowsAsync<ObjectDisposedException>(() => pair.Server.GetSnapshotAsync().WithTimeout());
            await Assert.ThrowsAnyAsync<IOException>(() => pair.Server.ConnectAsync(StackPair.ClientAddress, 80).WithTimeout());
        }

        [Fact]
        public async Task DisposingTwiceShouldBeHarmless()
        {
            await using var pair = new StackPair();
            await pair.Client.DisposeAsync().WithTimeout();
            await pair.Client.DisposeAsync().WithTimeout();
            pair.Client.Dispose();
            Assert.True(pair.Client.Completion.IsCompleted);
        }

        [Fact]
        public async Task DisposingAConnectionShouldSendAFinAfterTheDataWritten()
        {
            await using var pair = new StackPair();
            (TcpConnection client, TcpConnection server, _) = await pair.OpenAsync();
            await client.Output.WriteAsync(new byte[] { 1, 2, 3 }).WithTimeout();

            await client.DisposeAsync();

            Assert.Equal(new byte[] { 1, 2, 3 }, await DuplexPipeTest.ReadToEnd(server.Input));
            await server.CloseAsync().WithTimeout();
            Assert.Equal(EndReason.Graceful, server.EndReason);
        }

        [Fact]
        [Trait("Requirement", "SHLD-3")]
        public async Task DisposingAConnectionWithUnreadDataShouldResetIt()
        {
            await using var pair = new StackPair();
            (TcpConnection client, TcpConnection server, _) = await pair.OpenAsync();
            await client.GetStream().WriteAsync(new byte[1000]).WithTimeout();
            System.IO.Pipelines.ReadResult arrived = await server.Input.ReadAtLeastAsync(1000).WithTimeout();
            server.Input.AdvanceTo(arrived.Buffer.Start, arrived.Buffer.End); // looked at, not consumed

            server.Dispose();

            await client.Completion.WithTimeout();
            Assert.Equal(EndReason.Reset, client.EndReason);
        }

        [Fact]
        public async Task DisposingTheListenerShouldLeaveAcceptedConnectionsOpen()
        {
            await using var pair = new StackPair();
            (TcpConnection client, TcpConnection server, ConnectionListener listener) = await pair.OpenAsync();
            await listener.DisposeAsync();

            await client.GetStream().WriteAsync(new byte[] { 9 }).WithTimeout();
            Assert.Equal(new byte[] { 9 }, await DuplexPipeTest.ReadAtLeast(server.Input, 1));
            Assert.Equal(TcpState.Established, server.State);
        }
    }
}
