using System;
using System.Threading.Tasks;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using TcpGen.Runtime.Hosting;
using TcpGen.Runtime.Tests.Engine;
using Xunit;
using TcpConnection = TcpGen.Runtime.Hosting.TcpConnection;

namespace TcpGen.Runtime.Tests.Hosting
{
    /// <summary>
    /// A listener whose accept queue is full drops new SYNs silently, as Linux does without SYN cookies: no SYN,ACK and
    /// no reset, so the client's SYN retransmission gets in once the application accepts.
    /// </summary>
    public class BacklogTest
    {
        [Fact]
        public async Task FullAcceptQueueShouldDropSynsUntilAConnectionIsAccepted()
        {
            await using var peer = new RawPeer(o => o.Engine.AcceptBacklog = 2);
            ConnectionListener listener = await peer.Stack.ListenAsync(StackPair.Port).WithTimeout();
            peer.Handshake(41000);
            peer.Handshake(41001);

            // The queue holds two connections nobody accepted: the third SYN draws nothing at all. A segment to a
            // closed port sent right after it is answered with a reset, and that reset is the first thing back.
            peer.Send(Seg.Syn with { Seq = RawPeer.PeerIss, Window = 60000, Mss = 1460 }, 41002);
            peer.Send(Seg.AckOnly with { Seq = 1, Ack = 1 }, 41003, port: 9);
            Assert.Equal(TcpFlags.Rst, peer.Receive().Flags);
            TcpStackSnapshot full = await peer.Stack.GetSnapshotAsync().WithTimeout();
            Assert.Equal(1, full.ListenOverflows);
            Assert.Equal(1, full.ResetsSent);
            Assert.Equal(2, full.Count(TcpState.Established));

            // Accepting one makes room: the SYN's retransmission is answered.
            TcpConnection first = await listener.AcceptAsync().WithTimeout();
            Assert.Equal(41000, first.RemoteEndpoint.Port);
            peer.Send(Seg.Syn with { Seq = RawPeer.PeerIss, Window = 60000, Mss = 1460 }, 41002);
            Seg synAck = peer.Receive();
            Assert.Equal(TcpFlags.Syn | TcpFlags.Ack, synAck.Flags);
            Assert.Equal(RawPeer.PeerIss + 1, synAck.Ack);
        }

        [Fact]
        public async Task ConnectToAFullListenerShouldCompleteAfterTheServerAccepts()
        {
            await using var pair = new StackPair(o =>
            {
                o.Engine.AcceptBacklog = 1;
                o.Engine.InitialRetransmissionTimeout = TimeSpan.FromMilliseconds(100);
                o.Engine.MinimumRetransmissionTimeout = TimeSpan.FromMilliseconds(50);
            });
            ConnectionListener listener = await pair.Server.ListenAsync(StackPair.Port).WithTimeout();
            TcpConnection queued = await pair.Client.ConnectAsync(StackPair.ServerEndpoint).WithTimeout();
            ValueTask<TcpConnection> waiting = pair.Client.ConnectAsync(StackPair.ServerEndpoint);

            // The second SYN is dropped (counted) while the first connection waits in the queue.
            await WhenOverflowed(pair.Server);
            Assert.False(waiting.IsCompleted);

            TcpConnection accepted = await listener.AcceptAsync().WithTimeout();
            Assert.Equal(queued.LocalEndpoint, accepted.RemoteEndpoint);
            TcpConnection second = await waiting.WithTimeout();
            Assert.Equal(TcpState.Established, second.State);
            TcpConnection acceptedSecond = await listener.AcceptAsync().WithTimeout();
            Assert.Equal(second.LocalEndpoint, acceptedSecond.RemoteEndpoint);
        }

        private static async Task WhenOverflowed(TcpStack stack)
        {
            DateTime deadline = DateTime.UtcNow + TestTimeouts.Default;
            while ((await stack.GetSnapshotAsync().WithTimeout()).ListenOverflows == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "no SYN was dropped");
                await Task.Yield();
            }
        }
    }
}
