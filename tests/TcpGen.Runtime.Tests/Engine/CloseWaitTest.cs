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

        [Fact]
        public void OpenActiveOnTheSameFourTupleShouldFail()
        {
            // RFC 9293 3.10.1: "connection already exists".
            using var t = InCloseWait();
            SynchronizedCells.OpenActiveShouldFailWithConnectionExists(t);
        }

        [Fact]
        public void SynAndSynAckShouldDrawChallengeAcks()
        {
            // RFC 5961 4.2 (RFC 9293 3.10.7.4 fourth check).
            using var t = InCloseWait();
            SynchronizedCells.SynAndSynAckShouldDrawChallengeAcks(t, t.Iss + 1, RemoteIss + 2);
        }

        [Fact]
        public void AckOfUnsentDataShouldDrawChallengeAck()
        {
            // RFC 5961 5.2 (RFC 9293 3.10.7.4 fifth check): SEG.ACK > SND.NXT.
            using var t = InCloseWait();
            SynchronizedCells.AckOfUnsentDataShouldDrawChallengeAck(t, t.Iss + 1, RemoteIss + 2);
        }

        [Fact]
        public void InexactResetsShouldBeChallengedOrDropped()
        {
            // RFC 5961 3.2; RFC 9293 3.10.7.4 first check.
            using var t = InCloseWait();
            SynchronizedCells.InexactResetsShouldBeChallengedOrDropped(t, t.Iss + 1, RemoteIss + 2);
        }

        [Fact]
        public void SegmentOutsideTheWindowShouldDrawAck()
        {
            // RFC 9293 3.10.7.4 first check.
            using var t = InCloseWait();
            SynchronizedCells.SegmentOutsideTheWindowShouldDrawAck(t, t.Iss + 1, RemoteIss + 2);
        }

        [Fact]
        [Trait("Requirement", "MUST-20")]
        public void UnacknowledgedDataShouldBeRetransmittedThenTimeOut()
        {
            // Half-close (RFC 9293 3.10.2): data sent in CLOSE-WAIT is retransmitted (RFC 6298 5.4) until R2, then the
            // connection is given up (RFC 9293 3.8.3, 3.10.8).
            using var t = InCloseWait(o => o.UserTimeout = System.TimeSpan.FromSeconds(10));
            Assert.Equal(4, t.Engine.Send(t.Connection, Bytes(4), t.Now));
            Seg data = Seg.Data with { Seq = t.Iss + 1, Ack = RemoteIss + 2, Payload = Bytes(4) };
            t.Expect(data);
            SynchronizedCells.UnansweredRetransmissionsShouldEndAsTimedOut(t, data);
        }

        [Fact]
        [Trait("Requirement", "MUST-29")]
        public void UnansweredKeepAlivesShouldEndTheConnection()
        {
            // RFC 9293 3.8.4: an idle half-closed connection is kept alive like an established one.
            using var t = InCloseWait(SynchronizedCells.KeepAlives);
            SynchronizedCells.UnansweredKeepAlivesShouldEndAsTimedOut(t, t.Iss + 1, RemoteIss + 2);
        }
    }
}
