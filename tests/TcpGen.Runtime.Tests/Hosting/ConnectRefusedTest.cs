using System.Threading.Tasks;
using TcpGen.Runtime.Engine;
using TcpGen.Runtime.Hosting;
using Xunit;
using TcpConnection = TcpGen.Runtime.Hosting.TcpConnection;

namespace TcpGen.Runtime.Tests.Hosting
{
    /// <summary>An active OPEN to a port nobody listens on.</summary>
    public class ConnectRefusedTest
    {
        [Fact]
        [Trait("Requirement", "MUST-12")]
        public async Task ConnectToAClosedPortShouldFailAsRefused()
        {
            await using var pair = new StackPair();
            TcpConnectionException error = await Assert.ThrowsAsync<TcpConnectionException>(
                () => pair.Client.ConnectAsync(StackPair.ServerAddress, 9).WithTimeout());

            Assert.Equal(EndReason.Refused, error.Reason);
            Assert.Contains("refused", error.Message);
            TcpStackSnapshot server = await pair.Server.GetSnapshotAsync().WithTimeout();
            TcpStackSnapshot client = await pair.Client.GetSnapshotAsync().WithTimeout();
            Assert.Equal(1, server.ResetsSent);
            Assert.Equal(1, client.ActiveOpens);
            Assert.Empty(client.ConnectionsByState());
        }

        [Fact]
        public async Task StackShouldStillConnectAfterARefusal()
        {
            await using var pair = new StackPair();
            await Assert.ThrowsAsync<TcpConnectionException>(() => pair.Client.ConnectAsync(StackPair.ServerAddress, 9).WithTimeout());
            (TcpConnection client, _, _) = await pair.OpenAsync();
            Assert.Equal(TcpState.Established, client.State);
        }
    }
}
