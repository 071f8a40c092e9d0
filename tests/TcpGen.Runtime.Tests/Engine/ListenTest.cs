using System.Linq;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using Xunit;
using static TcpGen.Runtime.Tests.Engine.EngineHarness;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>LISTEN (RFC 9293 3.10.7.2).</summary>
    public class ListenTest
    {
        [Fact]
        [Trait("Requirement", "MUST-14")]
        public void SynShouldDrawSynAckWithOurMssAndEnterSynReceived()
        {
            using var t = new EngineHarness().Listen();
            t.Send(Seg.Syn with { Seq = RemoteIss, Mss = 1200 });
            Seg synAck = t.Next();
            Assert.Equal(TcpFlags.Syn | TcpFlags.Ack, synAck.Flags);
            Assert.Equal(RemoteIss + 1, synAck.Ack);
            Assert.Equal((ushort)1000, synAck.Mss);
            Assert.Null(synAck.WindowScale); // the peer did not offer scaling
            Assert.Equal((ushort)6000, synAck.Window);
            Assert.Contains(t.Steps, s => s.From == TcpState.Listen && s.Event == TcpEvent.RcvSyn && s.To == TcpState.SynReceivedPassive);
            Assert.Equal(TcpState.Listen, t.Engine.GetStatus(t.Listener).State);
        }

        [Fact]
        public void AckShouldDrawResetAtItsAck()
        {
            using var t = new EngineHarness().Listen();
            t.Send(Seg.AckOnly with { Seq = RemoteIss, Ack = 31337 });
            t.Expect(Seg.Rst with { Seq = 31337 });
            Assert.Contains(t.Steps, s => s.Connection == t.Listener && s.Event == TcpEvent.RcvBadAck);
        }

        [Fact]
        public void SynAckShouldDrawResetAtItsAck()
        {
            using var t = new EngineHarness().Listen();
            t.Send(Seg.SynAck with { Seq = RemoteIss, Ack = 99 });
            t.Expect(Seg.Rst with { Seq = 99 });
            Assert.Contains(t.Steps, s => s.Connection == t.Listener && s.Event == TcpEvent.RcvSynAck);
        }

        [Fact]
        public void ResetTextAndFinShouldBeIgnored()
        {
            using var t = new EngineHarness().Listen();
            t.Send(Seg.Rst with { Seq = RemoteIss });
            t.Send(new Seg(TcpFlags.Psh, Seq: RemoteIss, Payload: Bytes(5)));
            t.Send(new Seg(TcpFlags.Fin, Seq: RemoteIss));
            t.Send(new Seg(TcpFlags.None, Seq: RemoteIss));
            t.ExpectNothing();
            Assert.Equal(TcpState.Listen, t.Engine.GetStatus(t.Listener).State);
            var events = t.Steps.Where(s => s.Connection == t.Listener).Select(s => s.Event).ToList();
            Assert.Contains(TcpEvent.RcvRst, events);
            Assert.Contains(TcpEvent.RcvText, events);
            Assert.Contains(TcpEvent.RcvFin, events);
            Assert.Contains(TcpEvent.RcvUnacceptable, events);
        }

        [Fact]
        public void SecondListenOnSameEndpointShouldFailWithConnectionAlreadyExists()
        {
            using var t = new EngineHarness().Listen();
            Assert.False(t.Engine.Listen(Local).IsValid);
            Assert.Equal(TcpError.ConnectionAlreadyExists, t.Engine.LastError);
            Assert.Contains(t.Steps, s => s.Connection == t.Listener && s.From == TcpState.Listen && s.Event == TcpEvent.OpenPassive);
        }

        [Fact]
        public void SendOnListenerShouldFailWithRemoteUnspecified()
        {
            using var t = new EngineHarness().Listen();
            Assert.Equal(0, t.Engine.Send(t.Listener, new byte[] { 1 }, t.Now));
            Assert.Equal(TcpError.RemoteUnspecified, t.Engine.LastError);
        }

        [Fact]
        public void CloseShouldDeleteTheListener()
        {
            using var t = new EngineHarness().Listen();
            t.Engine.Close(t.Listener, t.Now);
            Assert.Equal(TcpState.Closed, t.Engine.GetStatus(t.Listener).State);
            t.Send(Seg.Syn with { Seq = RemoteIss });
            t.Expect(Seg.RstAck with { Ack = RemoteIss + 1 });
        }

        [Fact]
        public void AbortShouldDeleteTheListenerWithoutSendingAnything()
        {
            using var t = new EngineHarness().Listen();
            t.Engine.Abort(t.Listener, t.Now);
            Assert.Equal(TcpState.Closed, t.Engine.GetStatus(t.Listener).State);
            t.ExpectNothing();
        }

        [Fact]
        [Trait("Requirement", "MUST-41")]
        [Trait("Requirement", "MUST-42")]
        public void ListenerShouldServeManyConnectionsOnOnePort()
        {
            using var t = new EngineHarness().Listen();
            for (ushort port = 1000; port < 1005; port++)
            {
                t.Engine.Receive(Packet(Seg.Syn with { Seq = RemoteIss }, RemoteAddress, LocalAddress, port, LocalPort), t.Now);
            }

            var synAcks = t.DrainAll();
            Assert.Equal(5, synAcks.Count);
            Assert.All(synAcks, s => Assert.Equal(TcpFlags.Syn | TcpFlags.Ack, s.Flags));
            Assert.Equal(TcpState.Listen, t.Engine.GetStatus(t.Listener).State);

            // A second listener on the same port but a specific address coexists with a wildcard one.
            Assert.True(t.Engine.Listen(new Endpoint(default, 81)).IsValid);
            Assert.True(t.Engine.Listen(new Endpoint(LocalAddress, 81)).IsValid);
        }

        [Fact]
        public void WildcardListenerShouldAcceptOnAnyAddress()
        {
            using var t = new EngineHarness();
            ConnectionHandle listener = t.Engine.Listen(new Endpoint(default, LocalPort));
            Assert.True(listener.IsValid);
            t.Send(Seg.Syn with { Seq = RemoteIss });
            Seg synAck = t.Next();
            Assert.Equal(TcpFlags.Syn | TcpFlags.Ack, synAck.Flags);
        }
    }
}
