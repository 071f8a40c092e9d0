using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using TcpGen.Runtime.Engine;
using TcpGen.Runtime.Hosting;
using Xunit;
using TcpConnection = TcpGen.Runtime.Hosting.TcpConnection;

namespace TcpGen.Runtime.Tests.Hosting
{
    /// <summary>Every public member is thread-safe: many connections opened, used and closed from many threads at once.</summary>
    public class ConcurrencyTest
    {
        private const int Connections = 50;

        [Fact]
        public async Task FiftyConnectionsInParallelShouldEachEchoTheirOwnBytes()
        {
            await using var pair = new StackPair();
            ConnectionListener listener = await pair.Server.ListenAsync(StackPair.Port).WithTimeout();

            // Server: accept every connection on its own task and echo until end-of-stream.
            Task server = Task.WhenAll(Enumerable.Range(0, Connections).Select(_ => Task.Run(async () =>
            {
                TcpConnection connection = await listener.AcceptAsync();
                Stream stream = connection.GetStream();
                await stream.CopyToAsync(stream);
                await connection.CloseAsync();
            })));

            // Clients: each connects, sends its own pattern, half-closes and reads the echo back.
            byte[][] echoes = await Task.WhenAll(Enumerable.Range(0, Connections).Select(i => Task.Run(async () =>
            {
                TcpConnection connection = await pair.Client.ConnectAsync(StackPair.ServerEndpoint);
                Stream stream = connection.GetStream();
                await stream.WriteAsync(Pattern(i));
                await connection.ShutdownOutputAsync();
                var echo = new MemoryStream();
                await stream.CopyToAsync(echo);
                await connection.CloseAsync();
                return echo.ToArray();
            }))).WithTimeout();
            await server.WithTimeout();

            for (int i = 0; i < Connections; i++)
            {
                Assert.Equal(Pattern(i), echoes[i]);
            }

            TcpStackSnapshot clientSnapshot = await pair.Client.GetSnapshotAsync().WithTimeout();
            TcpStackSnapshot serverSnapshot = await pair.Server.GetSnapshotAsync().WithTimeout();
            Assert.Equal(Connections, clientSnapshot.ActiveOpens);
            Assert.Equal(Connections, serverSnapshot.PassiveOpens);
            Assert.Equal(Connections, clientSnapshot.Count(TcpState.TimeWait));
            Assert.Equal(0, serverSnapshot.Count(TcpState.Established));
            Assert.Equal(0, clientSnapshot.ResetsSent + serverSnapshot.ResetsSent);
        }

        [Fact]
        public async Task SnapshotsAndWritesFromManyThreadsShouldNotInterfere()
        {
            await using var pair = new StackPair();
            (TcpConnection client, TcpConnection server, _) = await pair.OpenAsync();
            const int Writers = 8;
            const int PerWriter = 200;

            // Writes from several threads through one pipe must be serialised by the caller; snapshots need no care.
            var gate = new System.Threading.SemaphoreSlim(1);
            Task writers = Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
            {
                for (int i = 0; i < PerWriter; i++)
                {
                    await gate.WaitAsync();
                    try
                    {
                        await client.Output.WriteAsync(new[] { (byte)w });
                    }
                    finally
                    {
                        gate.Release();
                    }
                }
            })));
            Task<TcpStackSnapshot[]> snapshots = Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => pair.Server.GetSnapshotAsync())));

            await writers.WithTimeout();
            client.ShutdownOutput();
            byte[] received = await DuplexPipeTest.ReadToEnd(server.Input);
            Assert.All(await snapshots.WithTimeout(), s => Assert.Equal(1, s.Count(TcpState.Listen)));
            Assert.Equal(Writers * PerWriter, received.Length);
            Dictionary<byte, int> perWriter = received.GroupBy(b => b).ToDictionary(g => g.Key, g => g.Count());
            Assert.All(Enumerable.Range(0, Writers), w => Assert.Equal(PerWriter, perWriter[(byte)w]));
        }

        private static byte[] Pattern(int index)
        {
            byte[] pattern = new byte[1000 + index * 37];
            new Random(index).NextBytes(pattern);
            return pattern;
        }
    }
}
