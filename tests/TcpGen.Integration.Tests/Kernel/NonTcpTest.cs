using System;
using System.Threading;
using System.Threading.Tasks;
using TcpGen.Integration.Tests.Infrastructure;
using TcpGen.Runtime.Hosting;
using Xunit;

namespace TcpGen.Integration.Tests.Kernel
{
    /// <summary>Whatever else the kernel routes into the TUN device (UDP, ICMP, IPv6 neighbour traffic) is counted and dropped; TCP keeps working.</summary>
    public sealed class NonTcpTest
    {
        [KernelFact]
        public async Task UdpFromTheKernelShouldBeCountedAsNotTcpAndTcpShouldStillWork()
        {
            using StackTestbed testbed = StackTestbed.Create();
            long before = NotTcp(await testbed.Stack.GetSnapshotAsync());

            for (int i = 0; i < 3; i++)
            {
                testbed.Execute("bash", "-c", "echo datagram > /dev/udp/" + TunTestbed.StackAddress + "/9");
            }

            TcpStackSnapshot after = await testbed.WaitForSnapshotAsync(s => NotTcp(s) - before >= 3, TimeSpan.FromSeconds(10));
            Assert.True(NotTcp(after) - before >= 3, "expected the 3 UDP datagrams dropped as not-TCP, counted " + (NotTcp(after) - before));
            Assert.Equal(0, after.ResetsSent);
            Assert.Equal(0, after.PassiveOpens);

            using ConnectionListener listener = await testbed.Stack.ListenAsync(7401);
            using KernelPeerProcess peer = testbed.StartPeer("client", "--address", TunTestbed.StackAddress + ":7401", "--send", "1000", "--timeout", "25");
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            using TcpConnection connection = await listener.AcceptAsync(cancel.Token);
            PeerReport ours = await StackScript.RunAsync(connection, 1000, 1, sendAfterEof: false, close: true, cancel.Token);
            Assert.Equal(1000, ours.Received);
            Assert.Equal("eof", peer.WaitForReport(TimeSpan.FromSeconds(30)).End);
        }

        private static long NotTcp(TcpStackSnapshot snapshot) => snapshot.Drops.TryGetValue("NotTcp", out long count) ? count : 0;
    }
}
