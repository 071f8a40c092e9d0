using System;
using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Tasks;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Hosting;
using TcpGen.Runtime.Tests.Engine;
using Xunit;
using TcpConnection = TcpGen.Runtime.Hosting.TcpConnection;

namespace TcpGen.Runtime.Tests.Hosting
{
    /// <summary>Urgent data through the hosting API (RFC 9293 3.8.5): sent inline with URG, the mark reported to the receiver.</summary>
    public class UrgentDataTest
    {
        [Fact]
        [Trait("Requirement", "MUST-30")]
        [Trait("Requirement", "MUST-32")]
        [Trait("Requirement", "MUST-33")]
        public async Task UrgentSendShouldArriveInOrderAndReportItsMarkToTheReceiver()
        {
            await using var pair = new StackPair();
            (TcpConnection client, TcpConnection server, _) = await pair.OpenAsync();
            var marks = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            server.UrgentDataReceived += (_, e) => marks.TrySetResult(e.UrgentMark);

            byte[] before = Bytes(3000, 1);
            byte[] urgent = Bytes(5, 2);
            await client.Output.WriteAsync(before).WithTimeout();
            await client.SendUrgentAsync(urgent).WithTimeout();
            await client.Output.WriteAsync(Bytes(10, 3)).WithTimeout();

            // The mark is the stream offset just past the urgent data, whatever was written before it.
            Assert.Equal(3005, await marks.Task.WithTimeout());
            Assert.Equal(3005, server.UrgentMark);
            ReadResult read = await server.Input.ReadAtLeastAsync(3015).WithTimeout();
            byte[] received = read.Buffer.Slice(0, 3015).ToArray();
            server.Input.AdvanceTo(read.Buffer.GetPosition(3015));
            Assert.Equal(before, received.AsSpan(0, 3000).ToArray());
            Assert.Equal(urgent, received.AsSpan(3000, 5).ToArray());
            Assert.Equal(Bytes(10, 3), received.AsSpan(3005).ToArray());
        }

        [Fact]
        [Trait("Requirement", "MUST-62")]
        public async Task UrgentSendShouldCarryUrgAndAPointerPastTheUrgentData()
        {
            await using var peer = new RawPeer();
            ConnectionListener listener = await peer.Stack.ListenAsync(StackPair.Port).WithTimeout();
            uint iss = peer.Handshake(41200);
            TcpConnection connection = await listener.AcceptAsync().WithTimeout();

            await connection.SendUrgentAsync(Bytes(7, 4)).WithTimeout();

            Seg segment = peer.Receive();
            Assert.True((segment.Flags & TcpFlags.Urg) != 0, segment.Flags.ToString());
            Assert.Equal(iss + 1, segment.Seq);
            Assert.Equal(7, segment.UrgentPointer);
            Assert.Equal(Bytes(7, 4), segment.Payload);
        }

        [Fact]
        [Trait("Requirement", "MUST-32")]
        public async Task UrgentPointerFromThePeerShouldRaiseTheEventWithTheStreamOffset()
        {
            await using var peer = new RawPeer();
            ConnectionListener listener = await peer.Stack.ListenAsync(StackPair.Port).WithTimeout();
            uint iss = peer.Handshake(41201);
            TcpConnection connection = await listener.AcceptAsync().WithTimeout();
            var marks = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            connection.UrgentDataReceived += (_, e) => marks.TrySetResult(e.UrgentMark);

            peer.Send(Seg.Data with { Seq = RawPeer.PeerIss + 1, Ack = iss + 1, Window = 60000, Payload = Bytes(100) }, 41201);
            ReadResult first = await connection.Input.ReadAtLeastAsync(100).WithTimeout();
            connection.Input.AdvanceTo(first.Buffer.End);
            Assert.Equal(0, connection.UrgentMark);

            // 20 octets, the first 8 urgent: the mark is 100 + 8 octets into the stream.
            peer.Send(new Seg(TcpFlags.Ack | TcpFlags.Urg) { Seq = RawPeer.PeerIss + 101, Ack = iss + 1, Window = 60000, Payload = Bytes(20, 5), UrgentPointer = 8 }, 41201);

            Assert.Equal(108, await marks.Task.WithTimeout());
            Assert.Equal(108, connection.UrgentMark);
        }

        [Fact]
        public async Task UrgentSendAfterShutdownShouldFail()
        {
            await using var pair = new StackPair();
            (TcpConnection client, _, _) = await pair.OpenAsync();
            client.ShutdownOutput();

            await Assert.ThrowsAsync<InvalidOperationException>(() => client.SendUrgentAsync(Bytes(3)).WithTimeout());
        }

        private static byte[] Bytes(int length, int seed = 0) => EngineHarness.Bytes(length, seed);
    }
}
