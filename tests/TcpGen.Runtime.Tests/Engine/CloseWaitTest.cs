using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using Xunit;
using static TcpGen.Runtime.Tests.Engine.EngineHarness;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>CLOSE-WAIT: the peer closed; we may still send (half-close).</summary>
    public class CloseWaitTest
    {
        [Fact]
        public void SendShouldStillWork()
        {
            using var t = InCloseWait();
            Assert.Equal(5, t.Engine.Send(t.Connection, Bytes(5), t.Now));
            t.Expect(Seg.Data with { Seq = t.Iss + 1, Ack = RemoteIss + 2, Payload = Bytes(5) });
            t.AssertTook(TcpState.CloseWait, TcpEvent.Send);
        }

        [Fact]
        public void CloseShouldSendFinAndEnterLastAck()
        {
            using var t = InLastAck();
            t.AssertTook(TcpState.CloseWait, TcpEvent.Close);
        }

        [Fact]
        public void RetransmittedFinShouldBeAcknowledgedAgain()
        {
            using var t = InCloseWait();
            t.Send(Seg.FinAck with { Seq = RemoteIss + 1, Ack = t.Iss + 1 });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 2 });
            Assert.Equal(TcpState.CloseWait, t.State);
        }

        [Fact]
        public void TextAfterFinShouldBeIgnored()
        {
            using var t = InCloseWait();
            t.Send(Seg.Data with { Seq = RemoteIss + 2, Ack = t.Iss + 1, Payload = Bytes(5) });
            Assert.Equal(0, t.Status.ReadableBytes);
            t.AssertTook(TcpState.CloseWait, TcpEvent.RcvText);
        }

        [Fact]
        public void ExactResetShouldEndAsReset()
        {
            using var t = InCloseWait();
            t.Send(Seg.Rst with { Seq = RemoteIss + 2 });
            Assert.Equal(EndReason.Reset, t.Status.EndReason);
        }

        [Fact]
        public void AbortShouldSendReset()
        {
            using var t = InCloseWait();
            t.Engine.Abort(t.Connection, t.Now);
            t.Expect(Seg.Rst with { Seq = t.Iss + 1 });
        }
    }
}
