using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using Xunit;
using static TcpGen.Runtime.Tests.Engine.EngineHarness;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>LAST-ACK: both closed; waiting for the ACK of our FIN.</summary>
    public class LastAckTest
    {
        [Fact]
        [Trait("Requirement", "MUST-12")]
        public void AckOfFinShouldCloseGracefully()
        {
            using var t = InLastAck();
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 2, Ack = t.Iss + 2 });
            Assert.Equal(TcpState.Closed, t.State);
            Assert.Equal(EndReason.Graceful, t.Status.EndReason);
            t.AssertTook(TcpState.LastAck, TcpEvent.RcvAckOfFin);
        }

        [Fact]
        public void RetransmittedPeerFinShouldBeAcknowledged()
        {
            using var t = InLastAck();
            t.Send(Seg.FinAck with { Seq = RemoteIss + 1, Ack = t.Iss + 1 });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 2, Ack = RemoteIss + 2 });
            Assert.Equal(TcpState.LastAck, t.State);
        }

        [Fact]
        public void UnacknowledgedFinShouldBeRetransmitted()
        {
            using var t = InLastAck();
            t.AdvanceToDeadline();
            t.Expect(Seg.FinAck with { Seq = t.Iss + 1, Ack = RemoteIss + 2 });
        }

        [Fact]
        public void AbortShouldDeleteWithoutReset()
        {
            using var t = InLastAck();
            t.Engine.Abort(t.Connection, t.Now);
            t.ExpectNothing();
            Assert.Equal(TcpState.Closed, t.State);
        }

        [Fact]
        public void ExactResetShouldEndAsReset()
        {
            using var t = InLastAck();
            t.Send(Seg.Rst with { Seq = RemoteIss + 2 });
            Assert.Equal(EndReason.Reset, t.Status.EndReason);
        }
    }
}
