using System;
using System.IO;
using System.Threading.Tasks;
using TcpGen.Runtime.Engine;
using TcpGen.Runtime.Hosting;
using Xunit;
using TcpConnection = TcpGen.Runtime.Hosting.TcpConnection;

namespace TcpGen.Runtime.Tests.Hosting
{
    /// <summary>Abort: RST to the peer; both users learn the connection was reset, not closed (MUST-12).</summary>
    public class ResetTest
    {
        [Fact]
        [Trait("Requirement", "MUST-12")]
        public async Task AbortShouldResetThePeerAndFailItsReads()
        {
            await using var pair = new StackPair();
            (TcpConnection client, TcpConnection server, _) = await pair.OpenAsync();
            Task<int> pendingRead = server.GetStream().ReadAsync(new byte[10]).AsTask();

            client.Abort();

            TcpConnectionException error = await Assert.ThrowsAsync<TcpConnectionException>(() => pendingRead.WithTimeout());
            Assert.Equal(EndReason.Reset, error.Reason);
            Assert.IsAssignableFrom<IOException>(error);
            await server.Completion.WithTimeout();
            await client.Completion.WithTimeout();
            Assert.Equal(EndReason.Reset, server.EndReason);
            Assert.Equal(EndReason.Aborted, client.EndReason);
            Assert.Equal(TcpState.Closed, server.State);
            Assert.Equal(TcpState.Closed, client.State);
        }

        [Fact]
        [Trait("Requirement", "MUST-12")]
        public async Task WritesAfterAResetShouldFailWithTheReason()
        {
            await using var pair = new StackPair();
            (TcpConnection client, TcpConnection server, _) = await pair.OpenAsync();
            server.Abort();
            await client.Completion.WithTimeout();

            TcpConnectionException error = await Assert.ThrowsAsync<TcpConnectionException>(() => client.GetStream().WriteAsync(new byte[100]).WithTimeout());
            Assert.Equal(EndReason.Reset, error.Reason);
            await Assert.ThrowsAsync<TcpConnectionException>(() => client.GetStream().ReadAsync(new byte[1]).WithTimeout());
        }

        [Fact]
        [Trait("Requirement", "MUST-12")]
        public async Task CloseAsyncOnAResetConnectionShouldThrowRatherThanReportSuccess()
        {
            await using var pair = new StackPair();
            (TcpConnection client, TcpConnection server, _) = await pair.OpenAsync();
            server.Abort();
            await client.Completion.WithTimeout();

            TcpConnectionException error = await Assert.ThrowsAsync<TcpConnectionException>(() => client.CloseAsync().WithTimeout());
            Assert.Equal(EndReason.Reset, error.Reason);
        }

        [Fact]
        public async Task ResetShouldBeCountedOnBothSides()
        {
            await using var pair = new StackPair();
            (TcpConnection client, TcpConnection server, _) = await pair.OpenAsync();
            client.Abort();
            await server.Completion.WithTimeout();

            TcpStackSnapshot clientSnapshot = await pair.Client.GetSnapshotAsync().WithTimeout();
            TcpStackSnapshot serverSnapshot = await pair.Server.GetSnapshotAsync().WithTimeout();
            Assert.Equal(1, clientSnapshot.ResetsSent);
            Assert.Equal(1, serverSnapshot.ResetsReceived);
            Assert.Equal(0, serverSnapshot.Count(TcpState.Established));
        }
    }
}
