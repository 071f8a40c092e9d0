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
    /// Advice the engine gives about a connection, as the hosting API surfaces it: R1's delivery problem (MUST-20) and
    /// ICMP errors (MUST-54, SHLD-25). Neither ends the connection.
    /// </summary>
    public class AdviceTest
    {
        [Fact]
        [Trait("Requirement", "MUST-20")]
        public async Task RetransmissionsReachingR1ShouldRaiseDeliveryProblemAndTheConnectionGoesOn()
        {
            await using var peer = new RawPeer(o =>
            {
                o.Engine.InitialRetransmissionTimeout = TimeSpan.FromMilliseconds(20);
                o.Engine.MinimumRetransmissionTimeout = TimeSpan.FromMilliseconds(20);
                o.Engine.RetransmissionsBeforeAdvice = 2;
            });
            ConnectionListener listener = await peer.Stack.ListenAsync(StackPair.Port).WithTimeout();
            uint iss = peer.Handshake(41300);
            TcpConnection connection = await listener.AcceptAsync().WithTimeout();
            var advised = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            connection.DeliveryProblem += (_, _) => advised.TrySetResult();

            await connection.GetStream().WriteAsync(new byte[10]).WithTimeout();

            // The peer answers nothing: the original and two retransmissions leave before the advice.
            await advised.Task.WithTimeout();
            Assert.True(connection.DeliveryProblems >= 1);
            Assert.Equal(TcpState.Established, connection.State);

            // Once the peer acknowledges, the connection carries on normally.
            peer.Send(Seg.AckOnly with { Seq = RawPeer.PeerIss + 1, Ack = iss + 11, Window = 60000 }, 41300);
            peer.Send(Seg.Data with { Seq = RawPeer.PeerIss + 1, Ack = iss + 11, Window = 60000, Payload = new byte[] { 42 } }, 41300);
            System.IO.Pipelines.ReadResult read = await connection.Input.ReadAsync().WithTimeout();
            Assert.Equal(42, read.Buffer.FirstSpan[0]);
            Assert.Equal(EndReason.None, connection.EndReason);
        }

        [Theory]
        [InlineData(3, 1)] // Destination Unreachable: host
        [InlineData(11, 0)] // Time Exceeded
        [Trait("Requirement", "MUST-54")]
        [Trait("Requirement", "SHLD-25")]
        [Trait("Requirement", "MUST-56")]
        public async Task IcmpErrorAboutTheConnectionShouldBeRaisedAndKeptAndTheConnectionGoesOn(byte type, byte code)
        {
            await using var peer = new RawPeer();
            ConnectionListener listener = await peer.Stack.ListenAsync(StackPair.Port).WithTimeout();
            uint iss = peer.Handshake(41301);
            TcpConnection connection = await listener.AcceptAsync().WithTimeout();
            var reported = new TaskCompletionSource<IcmpError>(TaskCreationOptions.RunContinuationsAsynchronously);
            connection.IcmpErrorReceived += (_, e) => reported.TrySetResult(e.Error);
            Assert.Null(connection.LastIcmpError);

            // A data segment of the connection, quoted by an ICMP error from the path (IP header and 8 octets of TCP).
            await connection.GetStream().WriteAsync(new byte[10]).WithTimeout();
            Seg sent = peer.Receive();
            Assert.Equal(iss + 1, sent.Seq);
            byte[] packet = EngineHarness.Packet(sent, StackPair.ServerAddress, RawPeer.PeerAddress, StackPair.Port, 41301);
            peer.SendRaw(IcmpTest.Icmp(type, code, packet.AsSpan(0, 28)));

            IcmpError error = await reported.Task.WithTimeout();
            Assert.Equal(new IcmpError(IpVersion.V4, type, code), error);
            Assert.Equal(error, connection.LastIcmpError);
            Assert.Equal(TcpState.Established, connection.State);
            Assert.Equal(EndReason.None, connection.EndReason);
        }
    }
}
