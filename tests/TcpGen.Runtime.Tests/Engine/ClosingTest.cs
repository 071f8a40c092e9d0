using TcpGen.Runtime.Engine;
using Xunit;
using static TcpGen.Runtime.Tests.Engine.EngineHarness;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>CLOSING: simultaneous close, waiting for the ACK of our FIN.</summary>
    public class ClosingTest
    {
        [Fact]
        [Trait("Requirement", "MUST-12")]
        public void AckOfFinShouldEnterTimeWait()
        {
            using var t = InClosing();
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 2, Ack = t.Iss + 2 });
            Assert.Equal(TcpState.TimeWait, t.State);
            Assert.Equal(EndReason.Graceful, t.Status.EndReason);
            t.AssertTook(TcpState.Closing, TcpEvent.RcvAckOfFin);
        }

        [Fact]
        public void RetransmittedFinShouldBeAcknowledged()
        {
            using var t = InClosing();
            t.Send(Seg.FinAck with { Seq = RemoteIss + 1, Ack = t.Iss + 1 });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 2, Ack = RemoteIss + 2 });
            Assert.Equal(TcpState.Closing, t.State);
        }

        [Fact]
        public void UnacknowledgedFinShouldBeRetransmitted()
        {
            using var t = InClosing();
            t.AdvanceToDeadline();
            t.Expect(Seg.FinAck with { Seq = t.Iss + 1, Ack = RemoteIss + 2 });
            t.AssertTook(TcpState.Closing, TcpEvent.RetransmitTimeout);
        }

        [Fact]
        public void AbortShouldDeleteWithoutReset()
        {
            using var t = InClosing();
            t.Engine.Abort(t.Connection, t.Now);
            t.ExpectNothing();
            Assert.Equal(TcpState.Closed, t.State);
        }
    }
}
