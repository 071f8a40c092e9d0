using System;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TcpGen.Cli.Stat;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Hosting;
using TcpGen.Runtime.Links;
using Xunit;

namespace TcpGen.Tests.Cli
{
    /// <summary><c>tcpgen stat</c> reading live stacks through their Unix stat sockets.</summary>
    public sealed class StatCommandTest
    {
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

        [Fact]
        public async Task StatShouldCountConnectionsPerStateAndPrintCountersOfARunningStack()
        {
            using var folder = new TempFolder();
            var (clientLink, serverLink) = InMemoryLink.CreatePair();
            await using var server = new TcpStack(serverLink, new TcpStackOptions { LocalAddress = IpAddress.Parse("198.18.0.2"), Name = "stat-server" });
            await using var client = new TcpStack(clientLink, new TcpStackOptions { LocalAddress = IpAddress.Parse("198.18.0.1"), Name = "stat-client" });
            using var timeout = new CancellationTokenSource(Patience);

            ConnectionListener listener = await server.ListenAsync(80, timeout.Token);
            var connections = new TcpConnection[3];
            for (int i = 0; i < connections.Length; i++)
            {
                connections[i] = await client.ConnectAsync(IpAddress.Parse("198.18.0.2"), 80, timeout.Token);
                await listener.AcceptAsync(timeout.Token);
            }

            // One connection half-closed by the client: the server's side of it waits in CLOSE-WAIT.
            await connections[0].ShutdownOutputAsync(timeout.Token);
            await WaitForAsync(async () => (await server.GetSnapshotAsync(timeout.Token)).ConnectionsByState().ContainsKey("CLOSE-WAIT"), timeout.Token);

            await using StatEndpoint endpoint = StatEndpoint.Start(server, Path.Combine(folder.Path, "server.sock"));
            CliResult text = CliRunner.Run("stat", "--socket", endpoint.Path);
            CliResult json = CliRunner.Run("stat", "--socket", endpoint.Path, "--format", "json");

            Assert.True(text.ExitCode == 0, text.Error);
            Assert.Contains("stack stat-server (pid " + Environment.ProcessId, text.Out, StringComparison.Ordinal);
            Assert.Contains("  ESTABLISHED 2", text.Out, StringComparison.Ordinal);
            Assert.Contains("  CLOSE-WAIT 1", text.Out, StringComparison.Ordinal);
            Assert.Contains("  LISTEN 1", text.Out, StringComparison.Ordinal);

            Assert.True(json.ExitCode == 0, json.Error);
            using JsonDocument document = JsonDocument.Parse(json.Out);
            JsonElement root = document.RootElement;
            Assert.Equal("198.18.0.2", root.GetProperty("address").GetString());
            Assert.Equal(2, root.GetProperty("states").GetProperty("ESTABLISHED").GetInt32());
            long segmentsIn = root.GetProperty("counters").GetProperty("segments-received").GetInt64();

            // Three handshakes and a FIN reached the server: at least 3×2 + 1 segments in.
            Assert.True(segmentsIn >= 7, json.Out);
        }

        [Fact]
        public async Task StatShouldForgetAStackOnceItsEndpointIsDisposed()
        {
            using var folder = new TempFolder();
            var (link, peer) = InMemoryLink.CreatePair();
            peer.Dispose();
            await using var stack = new TcpStack(link, new TcpStackOptions { LocalAddress = IpAddress.Parse("198.18.0.1"), Name = "gone" });
            string path = Path.Combine(folder.Path, "gone.sock");

            StatEndpoint endpoint = StatEndpoint.Start(stack, path);
            Assert.Equal(0, CliRunner.Run("stat", "--socket", path).ExitCode);
            await endpoint.DisposeAsync();

            Assert.False(File.Exists(path));
            CliResult after = CliRunner.Run("stat", "--socket", path);
            Assert.Equal(2, after.ExitCode);
            Assert.Equal($"tcpgen: error: no stat socket at '{path}'", after.Error.TrimEnd());
        }

        [Fact]
        public void StatWithNoRunningStackShouldSayNoneAnsweredAndExitOne()
        {
            using var folder = new TempFolder();
            string? previous = Environment.GetEnvironmentVariable("TCPGEN_STAT_DIR");
            Environment.SetEnvironmentVariable("TCPGEN_STAT_DIR", folder.Path);
            try
            {
                CliResult result = CliRunner.Run("stat");

                Assert.Equal(1, result.ExitCode);
                Assert.Contains("no running TcpGen stack answered", result.Error, StringComparison.Ordinal);
            }
            finally
            {
                Environment.SetEnvironmentVariable("TCPGEN_STAT_DIR", previous);
            }
        }

        private static async Task WaitForAsync(Func<Task<bool>> condition, CancellationToken cancellationToken)
        {
            while (!await condition())
            {
                await Task.Delay(10, cancellationToken);
            }
        }
    }
}
