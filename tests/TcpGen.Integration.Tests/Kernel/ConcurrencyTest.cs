using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TcpGen.Integration.Tests.Infrastructure;
using TcpGen.Runtime;
using TcpGen.Runtime.Hosting;
using Xunit;

namespace TcpGen.Integration.Tests.Kernel
{
    /// <summary>A thousand connections open at once against the kernel, each exchanging data and closing cleanly.</summary>
    public sealed class ConcurrencyTest
    {
        /// <summary>Connections open at the same time.</summary>
        private const int Connections = 1000;

        /// <summary>Bytes each side of each connection sends.</summary>
        private const int BytesEach = 4096;

        /// <summary>How long the whole run may take.</summary>
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

        [KernelFact]
        public async Task ThousandKernelClientsShouldAllBeServedByOneTcpGenListener()
        {
            using StackTestbed testbed = StackTestbed.Create(engine =>
            {
                engine.SynBacklog = 2 * Connections;
                engine.AcceptBacklog = 2 * Connections;
            });
            using ConnectionListener listener = await testbed.Stack.ListenAsync(7301);
            using KernelPeerProcess peer = testbed.StartPeer(
                "client", "--address", TunTestbed.StackAddress + ":7301", "--connections", Connections.ToString(), "--send", BytesEach.ToString(), "--close-delay", "5000", "--timeout", "80");
            using var cancel = new CancellationTokenSource(Timeout);

            // Accept all of them before serving any: each kernel client holds its side open for 5 s after sending.
            var scripts = new List<Task<PeerReport>>(Connections);
            var connections = new List<TcpConnection>(Connections);
            for (int i = 0; i < Connections; i++)
            {
                connections.Add(await listener.AcceptAsync(cancel.Token));
            }

            TcpStackSnapshot allOpen = await testbed.Stack.GetSnapshotAsync();
            foreach (TcpConnection connection in connections)
            {
                scripts.Add(StackScript.RunAsync(connection, BytesEach, 99, sendAfterEof: false, close: true, cancel.Token));
            }

            PeerReport[] ours = await Task.WhenAll(scripts);
            IReadOnlyList<PeerReport> kernel = peer.WaitForReports(Timeout);

            Assert.Equal(Connections, kernel.Count);
            Assert.All(kernel, r => Assert.Equal("eof", r.End));
            Assert.All(kernel, r => Assert.Equal(ours[0].SentSha256, r.ReceivedSha256));
            Assert.All(ours, r => Assert.Equal(BytesEach, r.Received));
            Assert.Equal(kernel.Select(r => r.SentSha256).Order(), ours.Select(r => r.ReceivedSha256).Order());
            Assert.Equal(Connections, allOpen.Count(TcpState.Established) + allOpen.Count(TcpState.CloseWait));
            TcpStackSnapshot snapshot = await testbed.Stack.GetSnapshotAsync();
            Assert.Equal(Connections, snapshot.PassiveOpens);
            Assert.Equal(0, snapshot.ListenOverflows);
            foreach (TcpConnection connection in connections)
            {
                connection.Dispose();
            }
        }

        [KernelFact]
        public async Task ThousandTcpGenClientsShouldAllBeServedByOneKernelListener()
        {
            using StackTestbed testbed = StackTestbed.Create();
            using KernelPeerProcess peer = testbed.StartPeer(
                "server", "--address", TunTestbed.KernelAddress + ":7302", "--connections", Connections.ToString(), "--send", BytesEach.ToString(), "--timeout", "80");
            peer.WaitForLine("listening", TimeSpan.FromSeconds(30));
            using var cancel = new CancellationTokenSource(Timeout);

            var opening = Enumerable.Range(0, Connections).Select(_ => testbed.Stack.ConnectAsync(StackTestbed.KernelAddress, 7302, cancel.Token).AsTask()).ToArray();
            TcpConnection[] connections = await Task.WhenAll(opening);
            int open = (await testbed.Stack.GetSnapshotAsync()).ConnectionsByState().Sum(s => s.Value);
            PeerReport[] ours = await Task.WhenAll(connections.Select(c => StackScript.RunAsync(c, BytesEach, 77, sendAfterEof: false, close: true, cancel.Token)));
            IReadOnlyList<PeerReport> kernel = peer.WaitForReports(Timeout);

            Assert.Equal(Connections, open);
            Assert.Equal(Connections, connections.Select(c => c.LocalEndpoint.Port).Distinct().Count());
            Assert.Equal(Connections, kernel.Count);
            Assert.All(kernel, r => Assert.Equal("eof", r.End));
            Assert.All(kernel, r => Assert.Equal(ours[0].SentSha256, r.ReceivedSha256));
            Assert.Equal(kernel.Select(r => r.SentSha256).Order(), ours.Select(r => r.ReceivedSha256).Order());
            Assert.Equal(Connections, (await testbed.Stack.GetSnapshotAsync()).ActiveOpens);
            foreach (TcpConnection connection in connections)
            {
                connection.Dispose();
            }
        }
    }
}
