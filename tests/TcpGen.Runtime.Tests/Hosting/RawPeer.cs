using System;
using System.Threading;
using System.Threading.Tasks;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Hosting;
using TcpGen.Runtime.Links;
using TcpGen.Runtime.Tests.Engine;
using Xunit;

namespace TcpGen.Runtime.Tests.Hosting
{
    /// <summary>
    /// A <see cref="TcpStack"/> whose peer is the test itself: the test writes hand-built packets into the other end
    /// of the in-memory wire and reads back what the stack sent, for behaviour two well-behaved stacks never show
    /// (a full backlog, an in-window SYN, a corrupted packet).
    /// </summary>
    public sealed class RawPeer : IAsyncDisposable
    {
        /// <summary>The scripted peer's address.</summary>
        public static readonly IpAddress PeerAddress = StackPair.ClientAddress;

        /// <summary>The scripted peer's initial sequence number.</summary>
        public const uint PeerIss = 50_000;

        /// <summary>The test's end of the wire.</summary>
        private readonly InMemoryLink _wire;

        /// <summary>Receives what the stack sends.</summary>
        private readonly byte[] _buffer = new byte[2048];

        public RawPeer(Action<TcpStackOptions>? configure = null)
        {
            (InMemoryLink stackLink, InMemoryLink wire) = InMemoryLink.CreatePair();
            _wire = wire;
            Stack = new TcpStack(stackLink, StackPair.Options(StackPair.ServerAddress, "raw-" + Guid.NewGuid().ToString("N"), 1, configure));
        }

        /// <summary>The stack under test (at <see cref="StackPair.ServerAddress"/>).</summary>
        public TcpStack Stack { get; }

        /// <summary>Sends <paramref name="segment"/> from the peer's <paramref name="peerPort"/> to the stack's <paramref name="port"/>.</summary>
        public void Send(Seg segment, ushort peerPort, ushort port = StackPair.Port) =>
            SendRaw(EngineHarness.Packet(segment, PeerAddress, StackPair.ServerAddress, peerPort, port));

        /// <summary>Puts raw bytes on the wire.</summary>
        public void SendRaw(ReadOnlySpan<byte> packet) => _wire.Send(packet);

        /// <summary>The next segment the stack sends, waiting up to the test timeout.</summary>
        public Seg Receive()
        {
            Seg? segment = TryReceive(TestTimeouts.Default);
            Assert.True(segment.HasValue, "the stack sent nothing");
            return segment!.Value;
        }

        /// <summary>The next segment the stack sends within <paramref name="wait"/>, or null.</summary>
        public Seg? TryReceive(TimeSpan wait)
        {
            DateTime deadline = DateTime.UtcNow + wait;
            while (true)
            {
                if (_wire.TryReceive(_buffer, out int length))
                {
                    return EngineHarness.Parse(_buffer.AsSpan(0, length));
                }

                TimeSpan left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    return null;
                }

                _wire.WaitReceivable(left);
            }
        }

        /// <summary>Completes a handshake from <paramref name="peerPort"/>: SYN in, SYN,ACK out, ACK in. Returns the stack's ISS.</summary>
        public uint Handshake(ushort peerPort)
        {
            Send(Seg.Syn with { Seq = PeerIss, Window = 60000, Mss = 1460 }, peerPort);
            Seg synAck = Receive();
            Assert.Equal(TcpFlags.Syn | TcpFlags.Ack, synAck.Flags);
            Assert.Equal(PeerIss + 1, synAck.Ack);
            Send(Seg.AckOnly with { Seq = PeerIss + 1, Ack = synAck.Seq + 1, Window = 60000 }, peerPort);
            return synAck.Seq;
        }

        public async ValueTask DisposeAsync()
        {
            await Stack.DisposeAsync();
            _wire.Dispose();
        }
    }
}
