using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using Xunit;
using static TcpGen.Runtime.Tests.Engine.EngineHarness;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>FIN-WAIT-1: our FIN is out, not yet acknowledged.</summary>
    public class FinWait1Test
    {
        [Fact]
        public void AckOfFinShouldEnterFinWait2()
        {
            using var t = InFinWait1();
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 2 });
            Assert.Equal(TcpState.FinWait2, t.State);
            t.AssertTook(TcpState.FinWait1, TcpEvent.RcvAckOfFin);
        }

        [Fact]
        public void AckNotCoveringFinShouldStay()
        {
            using var t = Established();
            t.Engine.Send(t.Connection, Bytes(10), t.Now);
            t.Engine.Close(t.Connection, t.Now);
            t.Next();
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 11 });
            Assert.Equal(TcpState.FinWait1, t.State);
            t.AssertTook(TcpState.FinWait1, TcpEvent.RcvAck);
        }

        [Fact]
        [Trait("Requirement", "MUST-10")]
        public void PeersFinShouldEnterClosing()
        {
            using var t = InClosing();
            t.AssertTook(TcpState.FinWait1, TcpEvent.RcvFin);
        }

        [Fact]
        public void FinWithAckOfOurFinShouldGoStraightToTimeWait()
        {
            using var t = InFinWait1();
            t.Send(Seg.FinAck with { Seq = RemoteIss + 1, Ack = t.Iss + 2 });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 2, Ack = RemoteIss + 2 });
            Assert.Equal(TcpState.TimeWait, t.State);
            Assert.Equal(EndReason.Graceful, t.Status.EndReason);
        }

        [Fact]
        public void TextShouldStillBeTakenAfterOurClose()
        {
            using var t = InFinWait1();
            t.Send(Seg.Data with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(20) });
            Assert.Equal(Bytes(20), t.ReadAll());
            t.AssertTook(TcpState.FinWait1, TcpEvent.RcvText);
        }

        [Fact]
        public void SendAndCloseShouldFailWithConnectionClosing()
        {
            using var t = InFinWait1();
            Assert.Equal(0, t.Engine.Send(t.Connection, Bytes(1), t.Now));
            Assert.Equal(TcpError.ConnectionClosing, t.Engine.LastError);
            t.Engine.Close(t.Connection, t.Now);
            Assert.Equal(TcpError.ConnectionClosing, t.Engine.LastError);
        }

        [Fact]
        public void UnacknowledgedFinShouldBeRetransmitted()
        {
            using var t = InFinWait1();
            t.AdvanceToDeadline();
            t.Expect(Seg.FinAck with { Seq = t.Iss + 1, Ack = RemoteIss + 1 });
            t.AssertTook(TcpState.FinWait1, TcpEvent.RetransmitTimeout);
        }

        [Fact]
        public void ResetsAndSynsShouldFollowRfc5961()
        {
            using var t = InFinWait1();
            t.Send(Seg.Rst with { Seq = RemoteIss + 3 });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 2, Ack = RemoteIss + 1 });
            t.Send(Seg.Syn with { Seq = RemoteIss + 3 });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 2, Ack = RemoteIss + 1 });
            t.Send(Seg.Rst with { Seq = RemoteIss + 1 });
            Assert.Equal(EndReason.Reset, t.Status.EndReason);
        }

        [Fact]
        public void AbortShouldSendReset()
        {
            using var t = InFinWait1();
            t.Engine.Abort(t.Connection, t.Now);
            t.Expect(Seg.Rst with { Seq = t.Iss + 2 });
            Assert.Equal(TcpState.Closed, t.State);
        }

        [Fact]
        public void OpenActiveOnTheSameFourTupleShouldFail()
        {
            // RFC 9293 3.10.1: "connection already exists".
            using var t = InFinWait1();
            SynchronizedCells.OpenActiveShouldFailWithConnectionExists(t);
        }

        [Fact]
        public void SynAckShouldDrawChallengeAck()
        {
            // RFC 5961 4.2 (RFC 9293 3.10.7.4 fourth check).
            using var t = InFinWait1();
            SynchronizedCells.SynAndSynAckShouldDrawChallengeAcks(t, t.Iss + 2, RemoteIss + 1);
        }

        [Fact]
        public void AckOfUnsentDataShouldDrawChallengeAck()
        {
            // RFC 5961 5.2 (RFC 9293 3.10.7.4 fifth check): SEG.ACK > SND.NXT.
            using var t = InFinWait1();
            SynchronizedCells.AckOfUnsentDataShouldDrawChallengeAck(t, t.Iss + 2, RemoteIss + 1);
        }

        [Fact]
        public void InexactResetsShouldBeChallengedOrDropped()
        {
            // RFC 5961 3.2; RFC 9293 3.10.7.4 first check.
            using var t = InFinWait1();
            SynchronizedCells.InexactResetsShouldBeChallengedOrDropped(t, t.Iss + 2, RemoteIss + 1);
        }

        [Fact]
        public void SegmentOutsideTheWindowShouldDrawAck()
        {
            // RFC 9293 3.10.7.4 first check.
            using var t = InFinWait1();
            SynchronizedCells.SegmentOutsideTheWindowShouldDrawAck(t, t.Iss + 2, RemoteIss + 1);
        }

        [Fact]
        [Trait("Requirement", "MUST-20")]
        public void UnacknowledgedFinShouldBeRetransmittedThenTimeOut()
        {
            // RFC 6298 5.4, RFC 9293 3.8.3 and 3.10.8: the FIN goes again until R2, then the connection is given up.
            using var t = InFinWait1(o => o.UserTimeout = System.TimeSpan.FromSeconds(10));
            SynchronizedCells.UnansweredRetransmissionsShouldEndAsTimedOut(t, Seg.FinAck with { Seq = t.Iss + 1, Ack = RemoteIss + 1 });
        }
    }
}
