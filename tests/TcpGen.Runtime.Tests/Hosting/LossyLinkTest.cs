using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using TcpGen.Runtime.Hosting;
using TcpGen.Runtime.Links;
using Xunit;
using TcpConnection = TcpGen.Runtime.Hosting.TcpConnection;

namespace TcpGen.Runtime.Tests.Hosting
{
    /// <summary>Two stacks on the wall clock over a <see cref="FaultInjectingLink"/>: losses show up as retransmissions, damage as drops.</summary>
    public class LossyLinkTest
    {
        [Fact]
        [Trait("Requirement", "MUST-3")]
        public async Task TransferThroughLossAndCorruptionShouldArriveIntactAndBeCounted()
        {
            (InMemoryLink serverLink, InMemoryLink clientWire) = InMemoryLink.CreatePair();
            var faults = new FaultProfile { Loss = 0.05, Corrupt = 0.05 };
            var clientLink = new FaultInjectingLink(clientWire, outbound: faults, inbound: faults, seed: 3);
            static void Fast(TcpStackOptions o)
            {
                // Short timers keep wall-clock recovery quick; the behaviour under test does not depend on them.
                o.Engine.InitialRetransmissionTimeout = TimeSpan.FromMilliseconds(50);
                o.Engine.MinimumRetransmissionTimeout = TimeSpan.FromMilliseconds(20);
            }

            await using var server = new TcpStack(serverLink, StackPair.Options(StackPair.ServerAddress, "lossy-server", 1, Fast));
            await using var client = new TcpStack(clientLink, StackPair.Options(StackPair.ClientAddress, "lossy-client", 2, Fast));
            ConnectionListener listener = await server.ListenAsync(StackPair.Port).WithTimeout();
            ValueTask<TcpConnection> accept = listener.AcceptAsync();
            TcpConnection sender = await client.ConnectAsync(StackPair.ServerEndpoint).WithTimeout();
            TcpConnection receiver = await accept.WithTimeout();

            byte[] data = new byte[400_000];
            new Random(8).NextBytes(data);
            Task write = Task.Run(async () =>
            {
                await sender.GetStream().WriteAsync(data);
                await sender.CloseAsync();
            });
            var received = new MemoryStream();
            await receiver.GetStream().CopyToAsync(received).WithTimeout();
            await receiver.CloseAsync().WithTimeout();
            await write.WithTimeout();

            Assert.Equal(data, received.ToArray());
            TcpStackSnapshot clientSnapshot = await client.GetSnapshotAsync().WithTimeout();
            TcpStackSnapshot serverSnapshot = await server.GetSnapshotAsync().WithTimeout();
            Assert.True(clientLink.OutboundCounters.Lost > 0, clientLink.OutboundCounters.ToString());
            Assert.True(clientSnapshot.Retransmissions > 0, "no retransmission after losses");

            // Every retransmission run began with a timeout or a fast retransmit, and the snapshot says which.
            Assert.True(clientSnapshot.RetransmissionTimeouts + clientSnapshot.FastRetransmits > 0, "no RTO and no fast retransmit");
            Assert.True(clientSnapshot.RetransmissionTimeouts + clientSnapshot.FastRetransmits <= clientSnapshot.Retransmissions);

            // Damaged packets the client's link delivered were dropped by the server under named reasons, and nothing
            // else was dropped. (A damaged ACK sent in TIME-WAIT may still be on its way, hence at most, not equal.)
            long drops = serverSnapshot.Drops.Values.Sum();
            Assert.True(drops > 0, clientLink.OutboundCounters.ToString());
            Assert.True(drops <= clientLink.OutboundCounters.CorruptedDelivered, $"{drops} drops; {clientLink.OutboundCounters}");
        }
    }
}
