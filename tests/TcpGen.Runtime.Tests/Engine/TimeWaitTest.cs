using System;
using System.Linq;
using TcpGen.Runtime.Codec;
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
        [Trait("Requirement", "MAY-2")]
        public void SynAboveRcvNxtShouldReopenTheConnectionThroughTheListener()
        {
            using var t = InTimeWait();
            ConnectionHandle old = t.Connection;
            uint oldSendMax = t.Iss + 2;

            t.Send(Seg.Syn with { Seq = RemoteIss + 50_000, Window = 8000, Mss = 1000 });

            Seg synAck = t.Next();
            Assert.Equal(TcpFlags.Syn | TcpFlags.Ack, synAck.Flags);
            Assert.Equal(RemoteIss + 50_001, synAck.Ack);
            Assert.True((int)(synAck.Seq - oldSendMax) > 0, $"new ISS {synAck.Seq} should be above the old SND.NXT {oldSendMax}");
            t.ExpectNothing();
            t.AssertTook(TcpState.TimeWait, TcpEvent.RcvSynNewIncarnation);
            Assert.Equal(TcpState.Closed, t.Engine.GetStatus(old).State);
            ConnectionHandle reopened = t.Steps.Last(s => s.Event == TcpEvent.RcvSyn && s.To == TcpState.SynReceivedPassive).Connection;
            Assert.NotEqual(old, reopened);
            Assert.Equal(TcpState.SynReceivedPassive, t.Engine.GetStatus(reopened).State);
            Assert.Equal(2, t.Engine.Counters.PassiveOpens);

            t.Send(Seg.AckOnly with { Seq = RemoteIss + 50_001, Ack = synAck.Seq + 1, Window = 8000 });
            Assert.True(t.Engine.TryAccept(t.Listener, out ConnectionHandle accepted));
            Assert.Equal(reopened, accepted);
            Assert.Equal(TcpState.Established, t.Engine.GetStatus(accepted).State);
        }

        [Fact]
        [Trait("Requirement", "MAY-2")]
        public void SynBelowRcvNxtShouldStillDrawAnAckAndKeepTimeWait()
        {
            using var t = InTimeWait();

            t.Send(Seg.Syn with { Seq = RemoteIss - 5000 });

            t.Expect(Seg.AckOnly with { Seq = t.Iss + 2, Ack = RemoteIss + 2 });
            t.ExpectNothing();
            Assert.Equal(TcpState.TimeWait, t.State);
            Assert.False(t.Took(TcpState.TimeWait, TcpEvent.RcvSynNewIncarnation));
            Assert.Equal(1, t.Engine.Counters.PassiveOpens);
        }

        [Fact]
        [Trait("Requirement", "MAY-2")]
        public void SynAboveRcvNxtWithoutListenerShouldBeReset()
        {
            using var t = EstablishedActive();
            t.Engine.Close(t.Connection, t.Now);
            t.Expect(Seg.FinAck with { Seq = t.Iss + 1, Ack = RemoteIss + 1 });
            t.Send(Seg.FinAck with { Seq = RemoteIss + 1, Ack = t.Iss + 2 });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 2, Ack = RemoteIss + 2 });
            Assert.Equal(TcpState.TimeWait, t.State);

            t.Send(Seg.Syn with { Seq = RemoteIss + 50_000 });

            t.Expect(Seg.RstAck with { Seq = 0, Ack = RemoteIss + 50_001 });
            t.ExpectNothing();
            Assert.Equal(TcpState.Closed, t.State);
            t.AssertTook(TcpState.TimeWait, TcpEvent.RcvSynNewIncarnation);
        }

        [Fact]
        [Trait("Requirement", "MAY-2")]
        [Trait("Requirement", "MUST-13")]
        public void SameFourTupleShouldBeReusableRightAfterTheServerClosedFirst()
        {
            var options = new TcpEngineOptions();
            using var pair = new EnginePair(options, options);
            ConnectionHandle listener = pair.Server.Listen(EnginePair.ServerEndpoint);
            ConnectionHandle client = pair.Client.Connect(EnginePair.ClientEndpoint, EnginePair.ServerEndpoint, pair.Now);
            pair.Shuttle();
            Assert.True(pair.Server.TryAccept(listener, out ConnectionHandle server));
            Endpoint clientEndpoint = pair.Client.GetStatus(client).Local;
            pair.Client.Send(client, Bytes(100), pair.Now);
            pair.Shuttle();

            // The server closes first and lingers in TIME-WAIT; the client's LAST-ACK ends on the server's ACK.
            pair.Server.Close(server, pair.Now);
            pair.Shuttle();
            pair.Client.Close(client, pair.Now);
            pair.Shuttle();
            Assert.Equal(TcpState.TimeWait, pair.Server.GetStatus(server).State);
            Assert.Equal(TcpState.Closed, pair.Client.GetStatus(client).State);

            // A moment later the client opens again from the same port: its new ISN is above the old RCV.NXT.
            pair.Advance(TimeSpan.FromMilliseconds(10));
            ConnectionHandle again = pair.Client.Connect(clientEndpoint, EnginePair.ServerEndpoint, pair.Now);
            Assert.True(again.IsValid);
            pair.Shuttle();

            Assert.Equal(TcpState.Established, pair.Client.GetStatus(again).State);
            Assert.True(pair.Server.TryAccept(listener, out ConnectionHandle accepted));
            Assert.Equal(clientEndpoint, pair.Server.GetStatus(accepted).Remote);
            Assert.Equal(TcpState.Closed, pair.Server.GetStatus(server).State); // TIME-WAIT gave way to the new incarnation
            Assert.Equal(2, pair.Server.Counters.PassiveOpens);
            Assert.Equal(0, pair.Client.Counters.ResetsReceived);
            Assert.Equal(0, pair.Server.Counters.ResetsSent);
            pair.Client.Send(again, Bytes(10, 7), pair.Now);
            pair.Shuttle();
            byte[] read = new byte[10];
            Assert.Equal(10, pair.Server.Read(accepted, read, pair.Now));
            Assert.Equal(Bytes(10, 7), read);
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
            // RFC 5961 4.2 (RFC 9293 3.10.7.4 fourth check). The SYN sits at RCV.NXT: one above it would be a new
            // incarnation (MAY-2, SynAboveRcvNxtShouldReopenTheConnectionThroughTheListener).
            using var t = InTimeWait();
            SynchronizedCells.SynAndSynAckShouldDrawChallengeAcks(t, t.Iss + 2, RemoteIss + 2, synSeq: RemoteIss + 2);
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

        [Fact]
        public void BuffersShouldGoBackToThePoolOnEnteringTimeWait()
        {
            using var t = InFinWait2();
            Assert.False(t.Tcb.ReceiveBufferReleased);
            t.Send(Seg.FinAck with { Seq = RemoteIss + 1, Ack = t.Iss + 2 });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 2, Ack = RemoteIss + 2 });

            // Both directions are done; a server that closes first holds thousands of these for 2 x MSL.
            Assert.Equal(TcpState.TimeWait, t.State);
            Assert.True(t.Tcb.SendBufferReleased);
            Assert.True(t.Tcb.ReceiveBufferReleased);

            // A retransmitted FIN is still acknowledged (window 0: nothing more can arrive).
            t.Send(Seg.FinAck with { Seq = RemoteIss + 1, Ack = t.Iss + 2 });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 2, Ack = RemoteIss + 2 });
        }

        [Fact]
        public void UnreadDataShouldStayReadableInTimeWaitAndItsBufferGoOnceRead()
        {
            using var t = InFinWait2();
            t.Send(Seg.FinAck with { Seq = RemoteIss + 1, Ack = t.Iss + 2, Payload = Bytes(30) });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 2, Ack = RemoteIss + 32 });
            Assert.Equal(TcpState.TimeWait, t.State);
            Assert.True(t.Tcb.SendBufferReleased);
            Assert.False(t.Tcb.ReceiveBufferReleased);

            Assert.Equal(Bytes(30), t.ReadAll());
            Assert.True(t.Tcb.ReceiveBufferReleased);
        }
    }
}
