using System;
using System.IO;
using System.Threading.Tasks;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using TcpGen.Runtime.Hosting;
using TcpGen.Runtime.Tests.Engine;
using Xunit;
using TcpConnection = TcpGen.Runtime.Hosting.TcpConnection;

namespace TcpGen.Runtime.Tests.Hosting
{
    /// <summary>Per-connection switches of the hosting API: keep-alive (MUST-24) and the user timeout R2 (MUST-21).</summary>
    public class ConnectionOptionsTest
    {
        [Fact]
        [Trait("Requirement", "MUST-24")]
        public async Task KeepAliveTurnedOnForOneConnectionShouldProbeAnIdlePeer()
        {
            // Keep-alives are off for new connections (MUST-25); the idle time is short so the test need not wait long,
            // the interval long so a slow test thread cannot miss the first probe and see the connection give up.
            await using var peer = new RawPeer(o =>
            {
                o.Engine.KeepAliveIdle = TimeSpan.FromMilliseconds(50);
                o.Engine.KeepAliveInterval = TimeSpan.FromSeconds(30);
            });
            ConnectionListener listener = await peer.Stack.ListenAsync(StackPair.Port).WithTimeout();
            uint iss = peer.Handshake(41100);
            TcpConnection connection = await listener.AcceptAsync().WithTimeout();

            connection.SetKeepAlive(true);

            // The probe: no text, SEG.SEQ one below SND.UNA, so the peer must answer (RFC 9293 3.8.4).
            Seg probe = peer.Receive();
            Assert.Equal(TcpFlags.Ack, probe.Flags);
            Assert.Equal(iss, probe.Seq);
            Assert.Equal(RawPeer.PeerIss + 1, probe.Ack);
            Assert.Empty(probe.Payload ?? Array.Empty<byte>());
            TcpStackSnapshot snapshot = await peer.Stack.GetSnapshotAsync().WithTimeout();
            Assert.Equal(TcpState.Established, connection.State);
            Assert.Equal(1, snapshot.Count(TcpState.Established));
        }

        [Fact]
        [Trait("Requirement", "MUST-24")]
        public async Task KeepAliveOnAVanishedPeerShouldEndTheConnectionAsTimedOut()
        {
            await using var peer = new RawPeer(o =>
            {
                o.Engine.KeepAliveIdle = TimeSpan.FromMilliseconds(30);
                o.Engine.KeepAliveInterval = TimeSpan.FromMilliseconds(30);
                o.Engine.KeepAliveProbes = 2;
            });
            ConnectionListener listener = await peer.Stack.ListenAsync(StackPair.Port).WithTimeout();
            peer.Handshake(41101);
            TcpConnection connection = await listener.AcceptAsync().WithTimeout();

            connection.SetKeepAlive(true);

            // The peer never answers a probe: after the configured number the connection is declared dead.
            await connection.Completion.WithTimeout();
            Assert.Equal(EndReason.TimedOut, connection.EndReason);
            await Assert.ThrowsAsync<TcpConnectionException>(async () => await connection.Input.ReadAsync());
        }

        [Fact]
        [Trait("Requirement", "MUST-21")]
        [Trait("Requirement", "MUST-20")]
        public async Task UserTimeoutSetOnAConnectionShouldEndItWhenThePeerStopsAcknowledging()
        {
            // The stack's default R2 is 100 s (longer than the test's timeout); this connection's is 300 ms.
            await using var peer = new RawPeer(o =>
            {
                o.Engine.InitialRetransmissionTimeout = TimeSpan.FromMilliseconds(50);
                o.Engine.MinimumRetransmissionTimeout = TimeSpan.FromMilliseconds(50);
            });
            ConnectionListener listener = await peer.Stack.ListenAsync(StackPair.Port).WithTimeout();
            peer.Handshake(41102);
            TcpConnection connection = await listener.AcceptAsync().WithTimeout();

            connection.SetUserTimeout(TimeSpan.FromMilliseconds(300));
            await connection.GetStream().WriteAsync(new byte[100]).WithTimeout();

            await connection.Completion.WithTimeout();
            Assert.Equal(EndReason.TimedOut, connection.EndReason);
            await Assert.ThrowsAsync<TcpConnectionException>(async () => await connection.Output.WriteAsync(new byte[1]));
        }

        [Fact]
        public async Task UserTimeoutShouldRejectAZeroOrNegativeTime()
        {
            await using var pair = new StackPair();
            (TcpConnection client, _, _) = await pair.OpenAsync();

            Assert.Throws<ArgumentOutOfRangeException>(() => client.SetUserTimeout(TimeSpan.Zero));
            Assert.Throws<ArgumentOutOfRangeException>(() => client.SetUserTimeout(TimeSpan.FromSeconds(-1)));
        }
    }
}
