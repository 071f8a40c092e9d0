using System;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using Xunit;
using static TcpGen.Runtime.Tests.Engine.EngineHarness;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>FIN-WAIT-2: our FIN acknowledged; waiting for the peer's.</summary>
    public class FinWait2Test
    {
        [Fact]
        [Trait("Requirement", "MUST-12")]
        public void PeersFinShouldEnterTimeWaitAndSignalGracefulClose()
        {
            using var t = InTimeWait();
            t.AssertTook(TcpState.FinWait2, TcpEvent.RcvFin);
            Assert.Equal(EndReason.Graceful, t.Status.EndReason);
            Assert.True(t.Notified(NotificationKind.Closed));
        }

        [Fact]
        public void HalfCloseShouldKeepReceiving()
        {
            using var t = InFinWait2();
            t.Send(Seg.Data with { Seq = RemoteIss + 1, Ack = t.Iss + 2, Payload = Bytes(2000) });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 2, Ack = RemoteIss + 2001 });
            Assert.Equal(Bytes(2000), t.ReadAll());
            t.AssertTook(TcpState.FinWait2, TcpEvent.RcvText);
        }

        [Fact]
        public void OwnedConnectionShouldWaitForThePeersFinIndefinitely()
        {
            using var t = InFinWait2();
            Assert.Null(t.Engine.NextDeadline);
        }

        [Fact]
        public void OrphanedConnectionShouldGiveUpAfterTheFinWait2Timeout()
        {
            using var t = InFinWait2(o => o.FinWait2Timeout = TimeSpan.FromSeconds(30));
            t.Engine.Release(t.Connection);
            t.Advance(TimeSpan.FromSeconds(29));
            Assert.NotNull(t.Engine.NextDeadline);
            t.Advance(TimeSpan.FromSeconds(2));
            Assert.Null(t.Engine.NextDeadline);
            Assert.Contains(t.Steps, s => s.From == TcpState.FinWait2 && s.Event == TcpEvent.FinWait2Timeout && s.To == TcpState.Closed);
        }

        [Fact]
        public void ExactResetShouldEndAsReset()
        {
            using var t = InFinWait2();
            t.Send(Seg.Rst with { Seq = RemoteIss + 1 });
            Assert.Equal(EndReason.Reset, t.Status.EndReason);
        }

        [Fact]
        public void SegmentsOutsideTheWindowShouldDrawAcks()
        {
            using var t = InFinWait2();
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 9000, Ack = t.Iss + 2 });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 2, Ack = RemoteIss + 1 });
            t.AssertTook(TcpState.FinWait2, TcpEvent.RcvUnacceptable);
        }

        [Fact]
        public void OpenActiveOnTheSameFourTupleShouldFail()
        {
            // RFC 9293 3.10.1: "connection already exists".
            using var t = InFinWait2();
            SynchronizedCells.OpenActiveShouldFailWithConnectionExists(t);
        }

        [Fact]
        public void SendAndCloseShouldFailWithConnectionClosing()
        {
            // RFC 9293 3.10.2 and 3.10.4, FIN-WAIT-2: "Return 'error: connection closing'".
            using var t = InFinWait2();
            SynchronizedCells.SendAndCloseShouldFailWithConnectionClosing(t);
        }

        [Fact]
        public void AbortShouldResetThePeer()
        {
            // RFC 9293 3.10.5, FIN-WAIT-2: "Send a reset segment: <SEQ=SND.NXT><CTL=RST>", then delete the TCB.
            using var t = InFinWait2();
            t.Engine.Abort(t.Connection, t.Now);
            t.Expect(Seg.Rst with { Seq = t.Iss + 2 });
            t.ExpectNothing();
            Assert.Equal(TcpState.Closed, t.State);
            Assert.Equal(EndReason.Aborted, t.Status.EndReason);
            t.AssertTook(TcpState.FinWait2, TcpEvent.Abort);
        }

        [Fact]
        public void SynAndSynAckShouldDrawChallengeAcks()
        {
            // RFC 5961 4.2 (RFC 9293 3.10.7.4 fourth check).
            using var t = InFinWait2();
            SynchronizedCells.SynAndSynAckShouldDrawChallengeAcks(t, t.Iss + 2, RemoteIss + 1);
        }

        [Fact]
        public void OldAckShouldChangeNothing()
        {
            // RFC 9293 3.10.7.4 fifth check: an ACK below SND.UNA (within MAX.SND.WND, RFC 5961 5.2) is a duplicate and
            // ignored; FIN-WAIT-2 waits on.
            using var t = InFinWait2();
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 1 });
            t.ExpectNothing();
            Assert.Equal(TcpState.FinWait2, t.State);
            t.AssertTook(TcpState.FinWait2, TcpEvent.RcvAck);
        }

        [Fact]
        public void AckOfUnsentDataShouldDrawChallengeAck()
        {
            // RFC 5961 5.2 (RFC 9293 3.10.7.4 fifth check): SEG.ACK > SND.NXT.
            using var t = InFinWait2();
            SynchronizedCells.AckOfUnsentDataShouldDrawChallengeAck(t, t.Iss + 2, RemoteIss + 1);
        }

        [Fact]
        public void InexactResetsShouldBeChallengedOrDropped()
        {
            // RFC 5961 3.2; RFC 9293 3.10.7.4 first check.
            using var t = InFinWait2();
            SynchronizedCells.InexactResetsShouldBeChallengedOrDropped(t, t.Iss + 2, RemoteIss + 1);
        }

        [Fact]
        [Trait("Requirement", "MUST-29")]
        public void UnansweredKeepAlivesShouldEndTheConnection()
        {
            // RFC 9293 3.8.4: the peer may never send its FIN; keep-alives find out that it is gone.
            using var t = InFinWait2(SynchronizedCells.KeepAlives);
            SynchronizedCells.UnansweredKeepAlivesShouldEndAsTimedOut(t, t.Iss + 2, RemoteIss + 1);
        }
    }
}
