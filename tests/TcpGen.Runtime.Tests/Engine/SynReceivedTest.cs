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

        [Fact]
        public void OpenActiveOnTheFourTupleOfAHalfOpenConnectionShouldFail()
        {
            // RFC 9293 3.10.1: OPEN on an existing connection is "connection already exists".
            using var t = InSynReceived();
            SynchronizedCells.OpenActiveShouldFailWithConnectionExists(t);
        }

        [Fact]
        public void PassiveSendShouldQueueUntilTheHandshakeCompletes()
        {
            // RFC 9293 3.10.2, SYN-RECEIVED: "Queue the data for transmission after entering ESTABLISHED state."
            using var t = InSynReceived();
            Assert.Equal(3, t.Engine.Send(t.Connection, Bytes(3), t.Now));
            t.ExpectNothing();
            Assert.Equal(TcpState.SynReceivedPassive, t.State);
            t.AssertTook(TcpState.SynReceivedPassive, TcpEvent.Send);
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 1 });
            Assert.Equal(TcpState.Established, t.State);
            t.Expect(Seg.Data with { Seq = t.Iss + 1, Ack = RemoteIss + 1, Payload = Bytes(3) });
        }

        [Fact]
        public void PassiveCloseShouldSendTheFinOnceTheHandshakeCompletes()
        {
            // RFC 9293 3.10.4, SYN-RECEIVED: "If no SENDs have been issued and there is no pending data to send, then form
            // a FIN segment and send it, and enter FIN-WAIT-1 state". Our SYN is unacknowledged, so the FIN waits behind it.
            using var t = InSynReceived();
            t.Engine.Close(t.Connection, t.Now);
            Assert.Equal(TcpState.FinWait1, t.State);
            t.ExpectNothing();
            t.AssertTook(TcpState.SynReceivedPassive, TcpEvent.Close);
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 1 });
            t.Expect(Seg.FinAck with { Seq = t.Iss + 1, Ack = RemoteIss + 1 });
            Assert.Equal(TcpState.FinWait1, t.State);
        }

        [Fact]
        public void ClosingTheListenerShouldResetItsHalfOpenConnections()
        {
            // RFC 9293 3.10.5: ABORT of a half-open connection sends <SEQ=SND.NXT><CTL=RST>. Closing a listener aborts the
            // connections it spawned that nobody accepted yet.
            using var t = InSynReceived();
            t.Engine.Close(t.Listener, t.Now);
            t.Expect(Seg.Rst with { Seq = t.Iss + 1 });
            t.ExpectNothing();
            Assert.Equal(TcpState.Closed, t.State);
            t.AssertTook(TcpState.SynReceivedPassive, TcpEvent.Abort);
        }

        [Fact]
        public void PassiveSynAckInWindowShouldReturnToListen()
        {
            // RFC 9293 3.10.7.4 fourth check, SYN-RECEIVED: "If the connection was initiated with a passive OPEN, then
            // return this connection to the LISTEN state and return." The half-open TCB goes; the listener stays.
            using var t = InSynReceived();
            t.Send(Seg.SynAck with { Seq = RemoteIss + 1, Ack = t.Iss + 1 });
            t.ExpectNothing();
            Assert.Equal(TcpState.Closed, t.State);
            Assert.Equal(TcpState.Listen, t.Engine.GetStatus(t.Listener).State);
            t.AssertTook(TcpState.SynReceivedPassive, TcpEvent.RcvSynAck);
        }

        /// <summary>SYN-RECEIVED reached actively: our SYN out, the peer's SYN in (simultaneous open, MUST-10), SYN,ACK out.</summary>
        private static EngineHarness InSynReceivedActive(Action<TcpEngineOptions>? configure = null)
        {
            var t = new EngineHarness(configure);
            t.Connect();
            t.Send(Seg.Syn with { Seq = RemoteIss, Window = 8000, Mss = 1000 });
            t.Expect(Seg.SynAck with { Seq = t.Iss, Ack = RemoteIss + 1 });
            Assert.Equal(TcpState.SynReceivedActive, t.State);
            t.DrainNotifications();
            return t;
        }

        [Fact]
        public void ActiveOpenActiveOnTheSameFourTupleShouldFail()
        {
            // RFC 9293 3.10.1: "connection already exists".
            using var t = InSynReceivedActive();
            SynchronizedCells.OpenActiveShouldFailWithConnectionExists(t);
        }

        [Fact]
        [Trait("Requirement", "MUST-10")]
        public void ActivePeersSynAckShouldEstablishWithoutAnotherAck()
        {
            // RFC 9293 3.10.7.3 and Figure 8 (simultaneous open): the peer's SYN,ACK repeats its SYN and acknowledges ours;
            // our SYN,ACK already acknowledged its SYN, so nothing more is sent.
            using var t = InSynReceivedActive();
            t.Send(Seg.SynAck with { Seq = RemoteIss, Ack = t.Iss + 1, Window = 8000 });
            t.ExpectNothing();
            Assert.Equal(TcpState.Established, t.State);
            Assert.True(t.Notified(NotificationKind.Connected));
            t.AssertTook(TcpState.SynReceivedActive, TcpEvent.RcvSynAck);
        }

        [Fact]
        [Trait("Requirement", "MUST-10")]
        public void ActiveAckOfSynShouldEstablish()
        {
            // RFC 9293 3.10.7.4 fifth check, SYN-RECEIVED: "If SND.UNA < SEG.ACK =< SND.NXT, then enter ESTABLISHED state".
            using var t = InSynReceivedActive();
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 1 });
            t.ExpectNothing();
            Assert.Equal(TcpState.Established, t.State);
            Assert.True(t.Notified(NotificationKind.Connected));
            t.AssertTook(TcpState.SynReceivedActive, TcpEvent.RcvAck);
        }

        [Fact]
        public void ActiveUnacceptableAckShouldDrawReset()
        {
            // RFC 9293 3.10.7.4 fifth check, SYN-RECEIVED: "If the segment acknowledgment is not acceptable, form a reset
            // segment, <SEQ=SEG.ACK><CTL=RST>".
            using var t = InSynReceivedActive();
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 50 });
            t.Expect(Seg.Rst with { Seq = t.Iss + 50 });
            t.ExpectNothing();
            Assert.Equal(TcpState.SynReceivedActive, t.State);
            t.AssertTook(TcpState.SynReceivedActive, TcpEvent.RcvBadAck);
        }

        [Fact]
        public void ActiveSynInWindowShouldDrawChallengeAck()
        {
            // RFC 5961 4.2 (RFC 9293 3.10.7.4 fourth check): a SYN after the handshake started draws a challenge ACK; our
            // SYN is still unacknowledged, so the ACK rides on the SYN,ACK again.
            using var t = InSynReceivedActive();
            t.Send(Seg.Syn with { Seq = RemoteIss + 3 });
            t.Expect(Seg.SynAck with { Seq = t.Iss, Ack = RemoteIss + 1 });
            t.ExpectNothing();
            Assert.Equal(TcpState.SynReceivedActive, t.State);
            t.AssertTook(TcpState.SynReceivedActive, TcpEvent.RcvSyn);
        }

        [Fact]
        public void ActiveInexactResetsShouldBeChallengedOrDropped()
        {
            // RFC 5961 3.2: an in-window RST not at RCV.NXT draws a challenge ACK (the SYN,ACK again here); RFC 9293 3.10.7.4
            // first check: a RST outside the window is dropped.
            using var t = InSynReceivedActive();
            t.Send(Seg.Rst with { Seq = RemoteIss + 10 });
            t.Expect(Seg.SynAck with { Seq = t.Iss, Ack = RemoteIss + 1 });
            t.Send(Seg.Rst with { Seq = RemoteIss + 100_000 });
            t.ExpectNothing();
            Assert.Equal(TcpState.SynReceivedActive, t.State);
            Assert.Equal(EndReason.None, t.Status.EndReason);
            t.AssertTook(TcpState.SynReceivedActive, TcpEvent.RcvRstInWindow);
            t.AssertTook(TcpState.SynReceivedActive, TcpEvent.RcvRstStray);
        }

        [Fact]
        public void ActiveSegmentOutsideTheWindowShouldDrawAck()
        {
            // RFC 9293 3.10.7.4 first check: an unacceptable segment draws <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>; before our
            // SYN is acknowledged that ACK is our SYN,ACK again.
            using var t = InSynReceivedActive();
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 100_000, Ack = t.Iss + 1 });
            t.Expect(Seg.SynAck with { Seq = t.Iss, Ack = RemoteIss + 1 });
            t.ExpectNothing();
            Assert.Equal(TcpState.SynReceivedActive, t.State);
            t.AssertTook(TcpState.SynReceivedActive, TcpEvent.RcvUnacceptable);
        }

        [Fact]
        [Trait("Requirement", "MUST-20")]
        public void ActiveUnansweredSynAckShouldBeRetransmittedThenTimeOut()
        {
            // RFC 6298 5.4 and RFC 9293 3.8.3: the SYN,ACK is retransmitted until R2, then the connection is given up
            // (3.10.8: "all queues are flushed ... the user is told 'error: connection aborted due to user timeout'").
            using var t = InSynReceivedActive(o => o.UserTimeout = TimeSpan.FromSeconds(10));
            SynchronizedCells.UnansweredRetransmissionsShouldEndAsTimedOut(t, Seg.SynAck with { Seq = t.Iss, Ack = RemoteIss + 1 });
        }
    }
}
