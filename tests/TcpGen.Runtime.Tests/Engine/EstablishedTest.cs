using System;
using System.Linq;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using Xunit;
using static TcpGen.Runtime.Tests.Engine.EngineHarness;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>ESTABLISHED (RFC 9293 3.10.7.4).</summary>
    public class EstablishedTest
    {
        [Fact]
        [Trait("Requirement", "MUST-61")]
        public void SendShouldTransmitDataWithPushOnTheLastSegment()
        {
            using var t = Established();
            Assert.Equal(1500, t.Engine.Send(t.Connection, Bytes(1500), t.Now));
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 1, Payload = Bytes(1000) });
            t.Expect(Seg.Data with { Seq = t.Iss + 1001, Ack = RemoteIss + 1, Payload = Bytes(1500).AsSpan(1000).ToArray() });
            t.ExpectNothing();
            t.AssertTook(TcpState.Established, TcpEvent.Send);
        }

        [Fact]
        public void AckShouldFreeTheSendBufferAndStopTheTimer()
        {
            using var t = Established();
            t.Engine.Send(t.Connection, Bytes(100), t.Now);
            t.Next();
            Assert.NotNull(t.Engine.NextDeadline);
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 101 });
            Assert.Equal(8000, t.Status.SendBufferFree);
            Assert.Null(t.Engine.NextDeadline);
            Assert.True(t.Notified(NotificationKind.Writable));
            t.AssertTook(TcpState.Established, TcpEvent.RcvAck);
        }

        [Fact]
        public void TextShouldBeDeliveredAndAcknowledged()
        {
            using var t = Established();
            t.Send(Seg.Data with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(10) });
            Assert.True(t.Notified(NotificationKind.Readable));
            Assert.Equal(10, t.Status.ReadableBytes);
            t.ExpectNothing(); // delayed
            t.AdvanceToDeadline();
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 11, Window = 5990 });
            Assert.Equal(Bytes(10), t.ReadAll());
            t.AssertTook(TcpState.Established, TcpEvent.RcvText);
        }

        [Fact]
        [Trait("Requirement", "MUST-12")]
        public void ExactResetShouldEndTheConnectionAsReset()
        {
            using var t = Established();
            t.Send(Seg.Rst with { Seq = RemoteIss + 1 });
            t.ExpectNothing();
            Assert.Equal(TcpState.Closed, t.State);
            Assert.Equal(EndReason.Reset, t.Status.EndReason);
            Assert.True(t.Notified(NotificationKind.Closed));
            Assert.Equal(1, t.Engine.Counters.ResetsReceived);
        }

        [Fact]
        public void InWindowResetShouldDrawChallengeAck()
        {
            using var t = Established();
            t.Send(Seg.Rst with { Seq = RemoteIss + 100 });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 1 });
            Assert.Equal(TcpState.Established, t.State);
            Assert.Equal(1, t.Engine.Counters.ChallengeAcksSent);
        }

        [Fact]
        public void OutOfWindowResetShouldBeDropped()
        {
            using var t = Established();
            t.Send(Seg.Rst with { Seq = RemoteIss + 1 + 6000 });
            t.ExpectNothing();
            Assert.Equal(TcpState.Established, t.State);
            t.AssertTook(TcpState.Established, TcpEvent.RcvRstStray);
        }

        [Fact]
        public void SynShouldDrawChallengeAck()
        {
            using var t = Established();
            t.Send(Seg.Syn with { Seq = RemoteIss + 1 });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 1 });
            t.Send(Seg.SynAck with { Seq = RemoteIss + 1, Ack = t.Iss + 1 });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 1 });
            Assert.Equal(TcpState.Established, t.State);
            t.AssertTook(TcpState.Established, TcpEvent.RcvSyn);
            t.AssertTook(TcpState.Established, TcpEvent.RcvSynAck);
        }

        [Fact]
        public void AckOfUnsentDataShouldDrawChallengeAckAndBeDropped()
        {
            using var t = Established();
            t.Send(Seg.Data with { Seq = RemoteIss + 1, Ack = t.Iss + 500, Payload = Bytes(5) });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 1 });
            Assert.Equal(0, t.Status.ReadableBytes);
            t.AssertTook(TcpState.Established, TcpEvent.RcvBadAck);
        }

        [Fact]
        public void SegmentOutsideTheWindowShouldDrawAnAck()
        {
            using var t = Established();
            t.Send(Seg.Data with { Seq = RemoteIss + 1 + 7000, Ack = t.Iss + 1, Payload = Bytes(5) });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 1, Window = 6000 });
            t.AssertTook(TcpState.Established, TcpEvent.RcvUnacceptable);
        }

        [Fact]
        public void FinShouldEnterCloseWaitAndEndTheStream()
        {
            using var t = Established();
            t.Send(Seg.FinAck with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(3) });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 5 });
            Assert.Equal(TcpState.CloseWait, t.State);
            Assert.True(t.Status.ReceiveFinished);
            Assert.Equal(Bytes(3), t.ReadAll());
        }

        [Fact]
        public void CloseShouldSendFinAfterQueuedData()
        {
            using var t = Established();
            t.Engine.Send(t.Connection, Bytes(10), t.Now);
            t.Engine.Close(t.Connection, t.Now);
            t.Expect(new Seg(TcpFlags.Ack | TcpFlags.Psh | TcpFlags.Fin, t.Iss + 1, RemoteIss + 1, Payload: Bytes(10)));
            Assert.Equal(TcpState.FinWait1, t.State);
        }

        [Fact]
        public void AbortShouldSendResetAndDelete()
        {
            using var t = Established();
            t.Engine.Abort(t.Connection, t.Now);
            t.Expect(Seg.Rst with { Seq = t.Iss + 1 });
            Assert.Equal(TcpState.Closed, t.State);
            Assert.Equal(EndReason.Aborted, t.Status.EndReason);
        }

        [Fact]
        [Trait("Requirement", "MUST-19")]
        public void UnacknowledgedDataShouldBeRetransmittedAfterTheRto()
        {
            using var t = Established();
            t.Engine.Send(t.Connection, Bytes(100), t.Now);
            Seg first = t.Next();
            t.AdvanceToDeadline();
            t.Expect(first);
            t.AssertTook(TcpState.Established, TcpEvent.RetransmitTimeout);
            Assert.Equal(1, t.Engine.Counters.Retransmissions);
        }

        [Fact]
        [Trait("Requirement", "MUST-20")]
        [Trait("Requirement", "MUST-21")]
        public void RetransmissionsPastTheUserTimeoutShouldEndTheConnection()
        {
            using var t = Established();
            t.Engine.SetUserTimeout(t.Connection, TimeSpan.FromSeconds(20));
            t.Engine.Send(t.Connection, Bytes(100), t.Now);
            t.Next();
            TcpGen.Runtime.Timers.Instant start = t.Now;
            bool advised = false;
            while (t.State == TcpState.Established)
            {
                t.AdvanceToDeadline();
                t.DrainAll();
                advised |= t.DrainNotifications().Any(n => n.Kind == NotificationKind.DeliveryProblem);
            }

            Assert.True(advised, "R1 should have been reported before R2");
            Assert.Equal(EndReason.TimedOut, t.Status.EndReason);
            t.AssertTook(TcpState.Established, TcpEvent.UserTimeout);
            Assert.InRange(t.Now.MicrosecondsSince(start), 20_000_000, 80_000_000);
        }

        [Fact]
        public void OpenOnAnEstablishedSocketPairShouldFail()
        {
            using var t = EstablishedActive();
            Assert.False(t.Engine.Connect(Local, Remote, t.Now).IsValid);
            Assert.Equal(TcpError.ConnectionAlreadyExists, t.Engine.LastError);
        }

        [Fact]
        public void TextWithoutAckBitShouldBeDropped()
        {
            using var t = Established();
            t.Send(new Seg(TcpFlags.Psh, Seq: RemoteIss + 1, Payload: Bytes(5)));
            Assert.Equal(0, t.Status.ReadableBytes);
            Assert.Equal(1, t.Engine.Counters.SegmentsWithoutAck);
        }

        [Fact]
        [Trait("Requirement", "MUST-29")]
        public void UnansweredKeepAlivesShouldEndTheConnection()
        {
            // RFC 9293 3.8.4: keep-alives on an idle connection; when they go unanswered the peer is taken to be gone.
            using var t = Established(SynchronizedCells.KeepAlives);
            SynchronizedCells.UnansweredKeepAlivesShouldEndAsTimedOut(t, t.Iss + 1, RemoteIss + 1);
        }
    }
}
