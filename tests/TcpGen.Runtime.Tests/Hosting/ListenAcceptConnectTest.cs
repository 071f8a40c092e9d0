using System;
using System.Threading.Tasks;
using TcpGen.Runtime.Engine;
using TcpGen.Runtime.Hosting;
using Xunit;
using TcpConnection = TcpGen.Runtime.Hosting.TcpConnection;

namespace TcpGen.Runtime.Tests.Hosting
{
    /// <summary>ListenAsync, AcceptAsync and ConnectAsync between two stacks.</summary>
    public class ListenAcceptConnectTest
    {
        [Fact]
        public async Task ConnectShouldBeAcceptedWithMatchingEndpoints()
        {
            await using var pair = new StackPair();
            (TcpConnection client, TcpConnection server, ConnectionListener listener) = await pair.OpenAsync();

            Assert.Equal(StackPair.ServerEndpoint, listener.LocalEndpoint);
            Assert.Equal(StackPair.ServerEndpoint, client.RemoteEndpoint);
            Assert.Equal(StackPair.ClientAddress, client.LocalEndpoint.Address);
            Assert.NotEqual(0, client.LocalEndpoint.Port);
            Assert.Equal(client.LocalEndpoint, server.RemoteEndpoint);
            Assert.Equal(client.RemoteEndpoint, server.LocalEndpoint);
            Assert.Equal(TcpState.Established, client.State);
            Assert.Equal(TcpState.Established, server.State);
            Assert.Equal("ESTABLISHED", client.RfcStateName);
            Assert.Equal(EndReason.None, client.EndReason);
            Assert.False(client.Completion.IsCompleted);
        }

        [Fact]
        public async Task AcceptShouldWaitForAConnectionThatArrivesLater()
        {
            await using var pair = new StackPair();
            ConnectionListener listener = await pair.Server.ListenAsync(StackPair.Port).WithTimeout();
            ValueTask<TcpConnection> accept = listener.AcceptAsync();
            Assert.False(accept.IsCompleted);

            TcpConnection client = await pair.Client.ConnectAsync(StackPair.ServerAddress, StackPair.Port).WithTimeout();
            TcpConnection server = await accept.WithTimeout();
            Assert.Equal(client.LocalEndpoint, server.RemoteEndpoint);
        }

        [Fact]
        public async Task ConnectionsShouldWaitInTheAcceptQueueAndComeOutInArrivalOrder()
        {
            await using var pair = new StackPair();
            ConnectionListener listener = await pair.Server.ListenAsync(StackPair.Port).WithTimeout();
            TcpConnection first = await pair.Client.ConnectAsync(StackPair.ServerEndpoint).WithTimeout();
            TcpConnection second = await pair.Client.ConnectAsync(StackPair.ServerEndpoint).WithTimeout();

            // Both handshakes completed with nobody accepting: the engine queued them.
            TcpConnection acceptedFirst = await listener.AcceptAsync().WithTimeout();
            TcpConnection acceptedSecond = await listener.AcceptAsync().WithTimeout();
            Assert.Equal(first.LocalEndpoint, acceptedFirst.RemoteEndpoint);
            Assert.Equal(second.LocalEndpoint, acceptedSecond.RemoteEndpoint);
            Assert.NotEqual(first.LocalEndpoint.Port, second.LocalEndpoint.Port);
        }

        [Fact]
        public async Task ListeningTwiceOnOnePortShouldFail()
        {
            await using var pair = new StackPair();
            await pair.Server.ListenAsync(StackPair.Port).WithTimeout();
            await Assert.ThrowsAsync<TcpConnectionException>(() => pair.Server.ListenAsync(StackPair.Port).WithTimeout());
        }

        [Fact]
        public async Task ClosedListenerShouldFailPendingAcceptsAndRefuseNewConnections()
        {
            await using var pair = new StackPair();
            ConnectionListener listener = await pair.Server.ListenAsync(StackPair.Port).WithTimeout();
            ValueTask<TcpConnection> pending = listener.AcceptAsync();
            listener.Dispose();

            await Assert.ThrowsAsync<ObjectDisposedException>(() => pending.WithTimeout());
            await Assert.ThrowsAsync<ObjectDisposedException>(() => listener.AcceptAsync().WithTimeout());
            TcpConnectionException refused = await Assert.ThrowsAsync<TcpConnectionException>(() => pair.Client.ConnectAsync(StackPair.ServerEndpoint).WithTimeout());
            Assert.Equal(EndReason.Refused, refused.Reason);

            // The port is free again.
            ConnectionListener again = await pair.Server.ListenAsync(StackPair.Port).WithTimeout();
            Assert.Equal(StackPair.ServerEndpoint, again.LocalEndpoint);
        }
    }
}
