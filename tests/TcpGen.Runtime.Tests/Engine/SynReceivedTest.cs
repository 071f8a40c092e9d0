using System;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using Xunit;
using static TcpGen.Runtime.Tests.Engine.EngineHarness;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>SYN-RECEIVED, passive and active (RFC 9293 3.10.7.4 with RFC 5961).</summary>
    public class SynReceivedTest
    {
        [Fact]
        public void AckOfSynShouldEstablishAndQueueForAccept()
        {
            using var t = InSynReceived();
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 1 });
            Assert.Equal(TcpState.Established, t.State);
            Assert.Contains(t.DrainNotifications(), n => n.Connection == t.Listener && n.Kind == NotificationKind.AcceptReady);
            Assert.True(t.Engine.TryAccept(t.Listener, out ConnectionHandle accepted));
            Assert.Equal(t.Connection, accepted);
            Assert.False(t.Engine.TryAccept(t.Listener, out _));
            t.AssertTook(TcpState.SynReceivedPassive, TcpEvent.RcvAck);
        }

        [Fact]
        public void AckOfSynWithTextShouldDeliverTheText()
        {
            using var t = InSynReceived();
            t.Send(Seg.Data with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(7) });
            Assert.Equal(TcpState.Established, t.State);
            Assert.Equal(Bytes(7), t.ReadAll());
        }

        [Fact]
        public void UnacceptableAckShouldDrawReset()
        {
            using var t = InSynReceived();
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 50 });
            t.Expect(Seg.Rst with { Seq = t.Iss + 50 });
            Assert.Equal(TcpState.SynReceivedPassive, t.State);
            t.AssertTook(TcpState.SynReceivedPassive, TcpEvent.RcvBadAck);
        }

        [Fact]
        [Trait("Requirement", "MUST-11")]
        public void ExactResetShouldReturnPassiveConnectionToListen()
        {
            using var t = InSynReceived();
            t.Send(Seg.Rst with { Seq = RemoteIss + 1 });
            t.ExpectNothing();
            t.AssertTook(TcpState.SynReceivedPassive, TcpEvent.RcvRst);
            Assert.Equal(TcpState.Closed, t.State);
            Assert.Equal(TcpState.Listen, t.Engine.GetStatus(t.Listener).State);

            // The listener still answers new SYNs.
            t.Send(Seg.Syn with { Seq = RemoteIss + 1000 });
            Assert.Equal(TcpFlags.Syn | TcpFlags.Ack, t.Next().Flags);
        }

        [Fact]
        public void InWindowResetShouldDrawChallengeAck()
        {
            using var t = InSynReceived();
            t.Send(Seg.Rst with { Seq = RemoteIss + 10 });
            Assert.Equal(TcpFlags.Syn | TcpFlags.Ack, t.Next().Flags); // our SYN is unacknowledged: the ACK goes with it
            Assert.Equal(TcpState.SynReceivedPassive, t.State);
            t.AssertTook(TcpState.SynReceivedPassive, TcpEvent.RcvRstInWindow);
        }

        [Fact]
        public void OutOfWindowResetShouldBeDropped()
        {
            using var t = InSynReceived();
            t.Send(Seg.Rst with { Seq = RemoteIss + 100_000 });
            t.ExpectNothing();
            t.AssertTook(TcpState.SynReceivedPassive, TcpEvent.RcvRstStray);
        }

        [Fact]
        public void RetransmittedSynShouldBeAnsweredWithTheSynAckAgain()
        {
            using var t = InSynReceived();
            t.Send(Seg.Syn with { Seq = RemoteIss });
            t.Expect(Seg.SynAck with { Seq = t.Iss, Ack = RemoteIss + 1 });
            Assert.Equal(TcpState.SynReceivedPassive, t.State);
            t.AssertTook(TcpState.SynReceivedPassive, TcpEvent.RcvUnacceptable);
        }

        [Fact]
        public void NewSynInWindowShouldReturnToListen()
        {
            using var t = InSynReceived();
            t.Send(Seg.Syn with { Seq = RemoteIss + 5 });
            t.AssertTook(TcpState.SynReceivedPassive, TcpEvent.RcvSyn);
            Assert.Equal(TcpState.Closed, t.State);
        }

        [Fact]
        public void FinWithAckShouldEstablishThenEnterCloseWait()
        {
            using var t = InSynReceived();
            t.Send(Seg.FinAck with { Seq = RemoteIss + 1, Ack = t.Iss + 1 });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 2 });
            Assert.Equal(TcpState.CloseWait, t.State);
        }

        [Fact]
        public void TextWithoutAckShouldBeDropped()
        {
            using var t = InSynReceived();
            t.Send(new Seg(TcpFlags.Psh, Seq: RemoteIss + 1, Payload: Bytes(4)));
            t.ExpectNothing();
            Assert.Equal(TcpState.SynReceivedPassive, t.State);
        }

        [Fact]
        public void UnansweredSynAckShouldBeRetransmittedThenGiveUpBackToListen()
        {
            using var t = InSynReceived(o => o.UserTimeout = TimeSpan.FromSeconds(10));
            t.AdvanceToDeadline();
            t.Expect(Seg.SynAck with { Seq = t.Iss, Ack = RemoteIss + 1 });
            t.AssertTook(TcpState.SynReceivedPassive, TcpEvent.RetransmitTimeout);
            while (t.State == TcpState.SynReceivedPassive)
            {
                t.AdvanceToDeadline();
                t.DrainAll();
            }

            t.AssertTook(TcpState.SynReceivedPassive, TcpEvent.UserTimeout);
            Assert.Equal(TcpState.Listen, t.Engine.GetStatus(t.Listener).State);
        }

        [Fact]
        public void ActiveSynReceivedResetShouldRefuse()
        {
            using var t = new EngineHarness();
            t.Connect();
            t.Send(Seg.Syn with { Seq = RemoteIss });
            t.Next();
            t.Send(Seg.Rst with { Seq = RemoteIss + 1 });
            Assert.Equal(TcpState.Closed, t.State);
            Assert.Equal(EndReason.Refused, t.Status.EndReason);
            t.AssertTook(TcpState.SynReceivedActive, TcpEvent.RcvRst);
        }

        [Fact]
        public void ActiveSynReceivedSendAndCloseShouldQueueUntilEstablished()
        {
            using var t = new EngineHarness();
            t.Connect();
            t.Send(Seg.Syn with { Seq = RemoteIss });
            t.Next();
            Assert.Equal(3, t.Engine.Send(t.Connection, Bytes(3), t.Now));
            t.Engine.Close(t.Connection, t.Now);
            Assert.Equal(TcpState.FinWait1, t.State);
            t.AssertTook(TcpState.SynReceivedActive, TcpEvent.Send);
            t.AssertTook(TcpState.SynReceivedActive, TcpEvent.Close);
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 1 });
            t.Expect(new Seg(TcpFlags.Ack | TcpFlags.Psh | TcpFlags.Fin, t.Iss + 1, RemoteIss + 1, Payload: Bytes(3)));
        }

        [Fact]
        public void AbortShouldResetThePeer()
        {
            using var t = new EngineHarness();
            t.Connect();
            t.Send(Seg.Syn with { Seq = RemoteIss });
            t.Next();
            t.Engine.Abort(t.Connection, t.Now);
            t.Expect(Seg.Rst with { Seq = t.Iss + 1 });
            Assert.Equal(EndReason.Aborted, t.Status.EndReason);
        }
    }
}
