using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using Xunit;
using static TcpGen.Runtime.Tests.Engine.EngineHarness;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>CLOSED: segments that reach no connection (RFC 9293 3.10.7.1) and calls on no connection.</summary>
    public class ClosedTest
    {
        [Fact]
        public void SynToClosedPortShouldDrawResetAck()
        {
            using var t = new EngineHarness();
            t.Send(Seg.Syn with { Seq = RemoteIss });
            t.Expect(Seg.RstAck with { Seq = 0, Ack = RemoteIss + 1 });
            t.ExpectNothing();
            Assert.Equal(1, t.Engine.Counters.ResetsSent);
        }

        [Fact]
        public void SynAckToClosedPortShouldDrawResetAtItsAck()
        {
            using var t = new EngineHarness();
            t.Send(Seg.SynAck with { Seq = RemoteIss, Ack = 777 });
            t.Expect(Seg.Rst with { Seq = 777 });
        }

        [Fact]
        public void AckToClosedPortShouldDrawResetAtItsAck()
        {
            using var t = new EngineHarness();
            t.Send(Seg.AckOnly with { Seq = RemoteIss, Ack = 4242 });
            t.Expect(Seg.Rst with { Seq = 4242 });
        }

        [Fact]
        public void TextWithoutAckShouldDrawResetAcknowledgingItsLength()
        {
            using var t = new EngineHarness();
            t.Send(new Seg(TcpFlags.Psh, Seq: RemoteIss, Payload: Bytes(10)));
            t.Expect(Seg.RstAck with { Seq = 0, Ack = RemoteIss + 10 });
        }

        [Fact]
        public void FinWithoutAckShouldDrawResetCountingTheFin()
        {
            using var t = new EngineHarness();
            t.Send(new Seg(TcpFlags.Fin, Seq: RemoteIss));
            t.Expect(Seg.RstAck with { Seq = 0, Ack = RemoteIss + 1 });
        }

        [Fact]
        public void SegmentWithoutControlBitsShouldDrawReset()
        {
            using var t = new EngineHarness();
            t.Send(new Seg(TcpFlags.None, Seq: RemoteIss));
            t.Expect(Seg.RstAck with { Seq = 0, Ack = RemoteIss });
        }

        [Fact]
        public void ResetToClosedPortShouldBeDropped()
        {
            using var t = new EngineHarness();
            t.Send(Seg.Rst with { Seq = RemoteIss });
            t.Send(Seg.RstAck with { Seq = RemoteIss, Ack = 5 });
            t.ExpectNothing();
            Assert.Equal(0, t.Engine.Counters.ResetsSent);
        }

        [Fact]
        public void CallsOnStaleHandleShouldFailWithConnectionDoesNotExist()
        {
            using var t = new EngineHarness();
            var stale = new ConnectionHandle(3, 9);
            Assert.Equal(0, t.Engine.Send(stale, new byte[] { 1 }, t.Now));
            Assert.Equal(TcpError.ConnectionDoesNotExist, t.Engine.LastError);
            t.Engine.Close(stale, t.Now);
            Assert.Equal(TcpError.ConnectionDoesNotExist, t.Engine.LastError);
            t.Engine.Abort(stale, t.Now);
            Assert.Equal(TcpError.ConnectionDoesNotExist, t.Engine.LastError);
            Assert.Equal(TcpState.Closed, t.Engine.GetStatus(stale).State);
            t.ExpectNothing();
        }

        [Fact]
        [Trait("Requirement", "MUST-46")]
        public void OpenToBroadcastOrMulticastShouldBeRejected()
        {
            using var t = new EngineHarness();
            var handle = t.Engine.Connect(Local, new Endpoint(IpAddress.Parse("255.255.255.255"), 80), t.Now);
            Assert.False(handle.IsValid);
            Assert.Equal(TcpError.InvalidAddress, t.Engine.LastError);
            handle = t.Engine.Connect(Local, new Endpoint(IpAddress.Parse("224.0.0.9"), 80), t.Now);
            Assert.False(handle.IsValid);
            handle = t.Engine.Connect(new Endpoint(IpAddress.Parse("2001:db8::1"), 0), new Endpoint(IpAddress.Parse("ff02::1"), 80), t.Now);
            Assert.False(handle.IsValid);
            Assert.Equal(TcpError.InvalidAddress, t.Engine.LastError);
            t.ExpectNothing();
        }

        [Fact]
        public void OpenActiveShouldSendSynAndEnterSynSent()
        {
            using var t = new EngineHarness();
            Seg syn = t.Connect();
            Assert.Equal(TcpState.SynSent, t.State);
            t.AssertTook(TcpState.Closed, TcpEvent.OpenActive);
            Assert.Equal((ushort)1000, syn.Mss);
        }

        [Fact]
        public void OpenPassiveShouldEnterListen()
        {
            using var t = new EngineHarness();
            t.Listen();
            Assert.Equal(TcpState.Listen, t.Engine.GetStatus(t.Listener).State);
            t.ExpectNothing();
        }

        [Fact]
        [Trait("Requirement", "MUST-47")]
        public void CallsOnADeletedConnectionStillHeldShouldFailWithConnectionDoesNotExist()
        {
            // RFC 9293 3.10.2, 3.10.4, 3.10.5: SEND, CLOSE and ABORT of a connection that does not exist (any more) fail
            // with "connection does not exist". The user still holds the handle of a connection it aborted: the TCB
            // stays, in CLOSED, until the handle is released, and its CLOSED cells answer the calls.
            using var t = EstablishedActive();
            t.Engine.Abort(t.Connection, t.Now);
            t.Expect(Seg.Rst with { Seq = t.Iss + 1 });
            Assert.Equal(TcpState.Closed, t.State);
            Assert.Equal(0, t.Engine.Send(t.Connection, Bytes(4), t.Now));
            Assert.Equal(TcpError.ConnectionDoesNotExist, t.Engine.LastError);
            t.Engine.Close(t.Connection, t.Now);
            Assert.Equal(TcpError.ConnectionDoesNotExist, t.Engine.LastError);
            t.Engine.Abort(t.Connection, t.Now);
            Assert.Equal(TcpError.ConnectionDoesNotExist, t.Engine.LastError);
            t.ExpectNothing();
            Assert.Equal(EndReason.Aborted, t.Status.EndReason);
            t.AssertTook(TcpState.Closed, TcpEvent.Send);
            t.AssertTook(TcpState.Closed, TcpEvent.Close);
            t.AssertTook(TcpState.Closed, TcpEvent.Abort);
        }
    }
}
