using System;
using TcpGen.Runtime.Engine;
using Xunit;
using static TcpGen.Runtime.Tests.Engine.EngineHarness;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>TIME-WAIT: 2 x MSL (MUST-13).</summary>
    public class TimeWaitTest
    {
        [Fact]
        [Trait("Requirement", "MUST-13")]
        public void TimeWaitShouldLastTwiceTheMsl()
        {
            using var t = InTimeWait(o => o.MaximumSegmentLifetime = TimeSpan.FromSeconds(10));
            t.Advance(TimeSpan.FromSeconds(19.9));
            Assert.Equal(TcpState.TimeWait, t.State);
            t.Advance(TimeSpan.FromSeconds(0.2));
            Assert.Equal(TcpState.Closed, t.State);
            t.AssertTook(TcpState.TimeWait, TcpEvent.TimeWaitTimeout);
        }

        [Fact]
        [Trait("Requirement", "MUST-13")]
        public void RetransmittedFinShouldBeAcknowledgedAndRestartTheWait()
        {
            using var t = InTimeWait(o => o.MaximumSegmentLifetime = TimeSpan.FromSeconds(10));
            t.Advance(TimeSpan.FromSeconds(15));
            t.Send(Seg.FinAck with { Seq = RemoteIss + 1, Ack = t.Iss + 2 });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 2, Ack = RemoteIss + 2 });
            t.Advance(TimeSpan.FromSeconds(15));
            Assert.Equal(TcpState.TimeWait, t.State);
            t.Advance(TimeSpan.FromSeconds(6));
            Assert.Equal(TcpState.Closed, t.State);
        }

        [Fact]
        public void DefaultTwiceMslShouldOutlastTheLargestRto()
        {
            var options = new TcpEngineOptions();
            Assert.True(2 * options.MaximumSegmentLifetime > options.MaximumRetransmissionTimeout);
        }

        [Fact]
        public void ResetShouldNotEndTimeWait()
        {
            using var t = InTimeWait();
            t.Send(Seg.Rst with { Seq = RemoteIss + 2 });
            Assert.Equal(TcpState.TimeWait, t.State);
            t.AssertTook(TcpState.TimeWait, TcpEvent.RcvRst);
        }

        [Fact]
        public void AcksShouldBeIgnored()
        {
            using var t = InTimeWait();
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 2, Ack = t.Iss + 2 });
            t.ExpectNothing();
            t.AssertTook(TcpState.TimeWait, TcpEvent.RcvAckOfFin);
        }

        [Fact]
        public void SynShouldDrawChallengeAck()
        {
            using var t = InTimeWait();
            t.Send(Seg.Syn with { Seq = RemoteIss + 2 });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 2, Ack = RemoteIss + 2 });
        }

        [Fact]
        public void AbortShouldDeleteWithoutReset()
        {
            using var t = InTimeWait();
            t.Engine.Abort(t.Connection, t.Now);
            t.ExpectNothing();
            Assert.Equal(TcpState.Closed, t.State);
        }

        [Fact]
        public void SendAndCloseShouldFailWithConnectionClosing()
        {
            using var t = InTimeWait();
            t.Engine.Send(t.Connection, Bytes(1), t.Now);
            Assert.Equal(TcpError.ConnectionClosing, t.Engine.LastError);
        }

        [Fact]
        public void OpenActiveOnTheSameFourTupleShouldFail()
        {
            // RFC 9293 3.10.1: "connection already exists" while the 4-tuple waits out 2 x MSL.
            using var t = InTimeWait();
            SynchronizedCells.OpenActiveShouldFailWithConnectionExists(t);
        }

        [Fact]
        public void SendAndCloseAfterCloseShouldFailWithConnectionClosing()
        {
            // RFC 9293 3.10.2 and 3.10.4, TIME-WAIT: "Return 'error: connection closing'".
            using var t = InTimeWait();
            SynchronizedCells.SendAndCloseShouldFailWithConnectionClosing(t);
        }

        [Fact]
        public void SynAndSynAckShouldDrawChallengeAcks()
        {
            // RFC 5961 4.2 (RFC 9293 3.10.7.4 fourth check).
            using var t = InTimeWait();
            SynchronizedCells.SynAndSynAckShouldDrawChallengeAcks(t, t.Iss + 2, RemoteIss + 2);
        }

        [Fact]
        public void OldAckShouldBeIgnored()
        {
            // RFC 9293 3.10.7.4 fifth check, TIME-WAIT: "The only thing that can arrive in this state is a retransmission of
            // the remote FIN"; an ACK below our FIN carries nothing and does not restart the 2 x MSL wait.
            using var t = InTimeWait();
            TcpGen.Runtime.Timers.Instant? deadline = t.Engine.NextDeadline;
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 2, Ack = t.Iss + 1 });
            t.ExpectNothing();
            Assert.Equal(TcpState.TimeWait, t.State);
            Assert.Equal(deadline, t.Engine.NextDeadline);
            t.AssertTook(TcpState.TimeWait, TcpEvent.RcvAck);
        }

        [Fact]
        public void AckOfUnsentDataShouldDrawChallengeAck()
        {
            // RFC 5961 5.2 (RFC 9293 3.10.7.4 fifth check): SEG.ACK > SND.NXT.
            using var t = InTimeWait();
            SynchronizedCells.AckOfUnsentDataShouldDrawChallengeAck(t, t.Iss + 2, RemoteIss + 2);
        }

        [Fact]
        public void TextAfterThePeersFinShouldBeIgnored()
        {
            // RFC 9293 3.10.7.4 seventh check: "Ignore the segment text."
            using var t = InTimeWait();
            SynchronizedCells.TextAfterThePeersFinShouldBeIgnored(t, t.Iss + 1, RemoteIss + 2);
        }

        [Fact]
        public void InexactResetsShouldBeChallengedOrDropped()
        {
            // RFC 5961 3.2; RFC 9293 3.10.7.4 first check.
            using var t = InTimeWait();
            SynchronizedCells.InexactResetsShouldBeChallengedOrDropped(t, t.Iss + 2, RemoteIss + 2);
        }

        [Fact]
        public void SegmentOutsideTheWindowShouldDrawAck()
        {
            // RFC 9293 3.10.7.4 first check.
            using var t = InTimeWait();
            SynchronizedCells.SegmentOutsideTheWindowShouldDrawAck(t, t.Iss + 2, RemoteIss + 2);
        }
    }
}
