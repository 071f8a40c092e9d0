using System.Threading.Tasks;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using TcpGen.Runtime.Hosting;
using TcpGen.Runtime.Tests.Engine;
using Xunit;
using TcpConnection = TcpGen.Runtime.Hosting.TcpConnection;

namespace TcpGen.Runtime.Tests.Hosting
{
    /// <summary>GetSnapshotAsync: connections per state (the netstat view) and MIB counters, exact at the loop.</summary>
    public class SnapshotTest
    {
        [Fact]
        public async Task SnapshotShouldCountConnectionsPerState()
        {
            await using var pair = new StackPair();
            ConnectionListener listener = await pair.Server.ListenAsync(StackPair.Port).WithTimeout();
            (TcpConnection client1, TcpConnection server1) = await pair.ConnectAsync(listener);
            await pair.ConnectAsync(listener);
            await pair.ConnectAsync(listener);

            // One connection half-closed by the client: FIN-WAIT-2 there, CLOSE-WAIT here.
            await client1.ShutdownOutputAsync().WithTimeout();
            await server1.WhenState(TcpState.CloseWait);
            await client1.WhenState(TcpState.FinWait2);

            TcpStackSnapshot server = await pair.Server.GetSnapshotAsync().WithTimeout();
            TcpStackSnapshot client = await pair.Client.GetSnapshotAsync().WithTimeout();
            Assert.Equal(1, server.Count(TcpState.Listen));
            Assert.Equal(2, server.Count(TcpState.Established));
            Assert.Equal(1, server.Count(TcpState.CloseWait));
            Assert.Equal(2, client.Count(TcpState.Established));
            Assert.Equal(1, client.Count(TcpState.FinWait2));
            Assert.Equal("CLOSE-WAIT 1\nESTABLISHED 2\nLISTEN 1\n", server.FormatStates());
            Assert.Equal(2, client.ConnectionsByState()["ESTABLISHED"]);
            Assert.Equal(3, client.ActiveOpens);
            Assert.Equal(3, server.PassiveOpens);
        }

        [Fact]
        public async Task SegmentCountersShouldMatchAcrossTheWire()
        {
            // No tail loss probes: on a wall-clock link a descheduled test thread can let one fire (it would count as
            // a retransmission); with none, a lossless wire must show no retransmission at all.
            await using var pair = new StackPair(o => o.Engine.TailLossProbes = false);
            (TcpConnection client, TcpConnection server, _) = await pair.OpenAsync();
            await client.GetStream().WriteAsync(new byte[20_000]).WithTimeout();
            await server.Input.ReadAtLeastAsync(20_000).WithTimeout();
            Task closing = client.CloseAsync();
            await server.CloseAsync().WithTimeout();
            await closing.WithTimeout();

            TcpStackSnapshot c = await pair.Client.GetSnapshotAsync().WithTimeout();
            TcpStackSnapshot s = await pair.Server.GetSnapshotAsync().WithTimeout();

            // A lossless in-memory wire: what one side sent, the other received (tcpOutSegs = peer's tcpInSegs).
            Assert.True(c.SegmentsSent >= 20_000 / 1460 + 3, $"client sent {c.SegmentsSent}");
            Assert.Equal(c.SegmentsSent, s.SegmentsReceived);
            Assert.Equal(s.SegmentsSent, c.SegmentsReceived);
            Assert.Equal(0, c.Retransmissions + s.Retransmissions);
            Assert.Empty(c.Drops);
            Assert.Empty(s.Drops);
        }

        [Fact]
        [Trait("Requirement", "MUST-3")]
        public async Task DropsShouldBeCountedByReason()
        {
            await using var peer = new RawPeer();
            await peer.Stack.ListenAsync(StackPair.Port).WithTimeout();
            byte[] corrupt = EngineHarness.Packet(Seg.Syn with { Seq = 1 }, RawPeer.PeerAddress, StackPair.ServerAddress, 40000, StackPair.Port);
            corrupt[^1] ^= 0x01; // the last byte of the TCP header: its checksum no longer verifies
            peer.SendRaw(corrupt);
            peer.SendRaw(new byte[] { 0x45, 0x00 }); // two bytes of an IPv4 header

            // A valid SYN afterwards proves the stack processed the bad ones first and stayed up.
            peer.Handshake(40001);
            TcpStackSnapshot snapshot = await peer.Stack.GetSnapshotAsync().WithTimeout();
            Assert.Equal(1, snapshot.Drops[DropReasonNames.Name(DropReason.BadChecksum)]);
            Assert.Equal(1, snapshot.Drops[DropReasonNames.Name(DropReason.TruncatedHeader)]);
            Assert.Equal(2, snapshot.Drops.Count);
        }

        [Fact]
        public async Task ChallengeAcksShouldBeCounted()
        {
            await using var peer = new RawPeer();
            ConnectionListener listener = await peer.Stack.ListenAsync(StackPair.Port).WithTimeout();
            uint iss = peer.Handshake(40002);
            await listener.AcceptAsync().WithTimeout();

            // RFC 5961 4.2: a SYN on a synchronized connection is answered with a challenge ACK, not a reset.
            peer.Send(Seg.Syn with { Seq = RawPeer.PeerIss + 100 }, 40002);
            Seg challenge = peer.Receive();
            Assert.Equal(TcpFlags.Ack, challenge.Flags);
            Assert.Equal(iss + 1, challenge.Seq);
            Assert.Equal(RawPeer.PeerIss + 1, challenge.Ack);

            TcpStackSnapshot snapshot = await peer.Stack.GetSnapshotAsync().WithTimeout();
            Assert.Equal(1, snapshot.ChallengeAcksSent);
            Assert.Equal(1, snapshot.Count(TcpState.Established));
        }
    }
}
