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

        [Fact]
        public void OpenActiveOnTheSameFourTupleShouldFail()
        {
            // RFC 9293 3.10.1: "connection already exists".
            using var t = InLastAck();
            SynchronizedCells.OpenActiveShouldFailWithConnectionExists(t);
        }

        [Fact]
        public void SendAndCloseShouldFailWithConnectionClosing()
        {
            // RFC 9293 3.10.2 and 3.10.4: after CLOSE, "Return 'error: connection closing'".
            using var t = InLastAck();
            SynchronizedCells.SendAndCloseShouldFailWithConnectionClosing(t);
        }

        [Fact]
        public void SynAndSynAckShouldDrawChallengeAcks()
        {
            // RFC 5961 4.2 (RFC 9293 3.10.7.4 fourth check).
            using var t = InLastAck();
            SynchronizedCells.SynAndSynAckShouldDrawChallengeAcks(t, t.Iss + 2, RemoteIss + 2);
        }

        [Fact]
        public void AckOfUnsentDataShouldDrawChallengeAck()
        {
            // RFC 5961 5.2 (RFC 9293 3.10.7.4 fifth check): SEG.ACK > SND.NXT.
            using var t = InLastAck();
            SynchronizedCells.AckOfUnsentDataShouldDrawChallengeAck(t, t.Iss + 2, RemoteIss + 2);
        }

        [Fact]
        public void TextAfterThePeersFinShouldBeIgnored()
        {
            // RFC 9293 3.10.7.4 seventh check: "This should not occur since a FIN has been received from the remote side.
            // Ignore the segment text." The ACK it carries does not cover our FIN, so the state is kept.
            using var t = InLastAck();
            SynchronizedCells.TextAfterThePeersFinShouldBeIgnored(t, t.Iss + 1, RemoteIss + 2);
        }

        [Fact]
        public void InexactResetsShouldBeChallengedOrDropped()
        {
            // RFC 5961 3.2; RFC 9293 3.10.7.4 first check.
            using var t = InLastAck();
            SynchronizedCells.InexactResetsShouldBeChallengedOrDropped(t, t.Iss + 2, RemoteIss + 2);
        }

        [Fact]
        public void SegmentOutsideTheWindowShouldDrawAck()
        {
            // RFC 9293 3.10.7.4 first check.
            using var t = InLastAck();
            SynchronizedCells.SegmentOutsideTheWindowShouldDrawAck(t, t.Iss + 2, RemoteIss + 2);
        }

        [Fact]
        [Trait("Requirement", "MUST-20")]
        public void UnacknowledgedFinShouldBeRetransmittedThenTimeOut()
        {
            // RFC 6298 5.4, RFC 9293 3.8.3 and 3.10.8: the FIN goes again until R2, then the connection is given up.
            using var t = InLastAck(o => o.UserTimeout = System.TimeSpan.FromSeconds(10));
            SynchronizedCells.UnansweredRetransmissionsShouldEndAsTimedOut(t, Seg.FinAck with { Seq = t.Iss + 1, Ack = RemoteIss + 2 });
        }
    }
}
