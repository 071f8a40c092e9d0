using System;
using System.Linq;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using Xunit;
using static TcpGen.Runtime.Tests.Engine.EngineHarness;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>Retransmission after an RTO (RFC 6298 5, RFC 9293 3.8.1) and ACK processing against SND.MAX.</summary>
    public class RetransmissionTest
    {
        [Fact]
        [Trait("Requirement", "MUST-19")]
        public void TimeoutShouldGoBackToTheFirstUnacknowledgedSegmentWithOneSegmentCwnd()
        {
            using var t = Established();
            t.Engine.Send(t.Connection, Bytes(3000), t.Now);
            Seg first = t.Next();
            t.Next();
            t.Next();
            t.ExpectNothing();

            t.AdvanceToDeadline();

            t.Expect(first);
            t.ExpectNothing(); // loss window: one segment (RFC 5681 3.1)
            Assert.Equal(t.Iss + 1001, t.Tcb.SendNext.Value);
            Assert.Equal(t.Iss + 3001, t.Tcb.SendMax.Value);
        }

        [Fact]
        public void LateCumulativeAckAboveTheRolledBackSndNxtShouldBeAcceptedSilently()
        {
            using var t = Established();
            t.Engine.Send(t.Connection, Bytes(3000), t.Now);
            t.DrainAll();
            t.AdvanceToDeadline(); // the ACK of all three segments was lost: RTO, go back to SND.UNA
            t.Next();
            Assert.Equal(t.Iss + 1001, t.Tcb.SendNext.Value);

            // The peer had everything: its cumulative ACK is above SND.NXT but not above SND.MAX.
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 3001 });

            t.ExpectNothing(); // no challenge ACK, which would start an ACK war
            Assert.False(t.Took(TcpState.Established, TcpEvent.RcvBadAck));
            t.AssertTook(TcpState.Established, TcpEvent.RcvAck);
            Assert.Equal(t.Iss + 3001, t.Tcb.SendUnacknowledged.Value);
            Assert.Equal(t.Iss + 3001, t.Tcb.SendNext.Value);
            Assert.Equal(8000, t.Status.SendBufferFree);
            Assert.Null(t.Engine.NextDeadline);

            // New data continues after SND.MAX, not from the rolled-back SND.NXT.
            t.Engine.Send(t.Connection, Bytes(10, 7), t.Now);
            t.Expect(Seg.Data with { Seq = t.Iss + 3001, Ack = RemoteIss + 1, Payload = Bytes(10, 7) });
        }

        [Fact]
        public void AckInsideTheRetransmittedRangeShouldMoveSndNxtPastIt()
        {
            using var t = Established();
            t.Engine.Send(t.Connection, Bytes(3000), t.Now);
            t.DrainAll();
            t.AdvanceToDeadline();
            t.Next(); // 1..1000 again

            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 2001 });

            Assert.Equal(t.Iss + 2001, t.Tcb.SendUnacknowledged.Value);
            Assert.True(t.Tcb.SendNext.Value - (t.Iss + 2001) < 0x8000_0000u, "SND.NXT must not lag SND.UNA");
            // cwnd grew from one segment: the rest goes out as a retransmission, starting at SND.UNA.
            Seg next = t.Next();
            Assert.Equal(t.Iss + 2001, next.Seq);
            Assert.Equal(Bytes(3000).AsSpan(2000).ToArray(), next.Payload);
        }

        [Fact]
        public void AckAboveSndMaxShouldStillBeChallenged()
        {
            using var t = Established();
            t.Engine.Send(t.Connection, Bytes(3000), t.Now);
            t.DrainAll();
            t.AdvanceToDeadline();
            t.Next();

            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 3002 });

            t.Expect(Seg.AckOnly with { Seq = t.Iss + 3001, Ack = RemoteIss + 1 });
            t.AssertTook(TcpState.Established, TcpEvent.RcvBadAck);
            Assert.Equal(t.Iss + 1, t.Tcb.SendUnacknowledged.Value);
        }

        [Fact]
        public void PureAckAfterGoingBackShouldCarryTheHighestSequenceSent()
        {
            using var t = Established();
            t.Engine.Send(t.Connection, Bytes(3000), t.Now);
            t.DrainAll();
            t.AdvanceToDeadline();
            t.Next(); // SND.NXT went back: 1..1000 again

            // Peer data sent before it saw ours (its ACK is old); two segments, so the ACK is due at once (SHLD-19).
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(1000) });
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1001, Ack = t.Iss + 1, Payload = Bytes(1000) });

            // The peer's RCV.NXT may already be SND.MAX: an ACK with SEQ = our rolled-back SND.NXT would be unacceptable there.
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 3001, Ack = RemoteIss + 2001 });
        }

        [Fact]
        public void AbortAfterGoingBackShouldResetWithTheHighestSequenceSent()
        {
            using var t = Established();
            t.Engine.Send(t.Connection, Bytes(3000), t.Now);
            t.DrainAll();
            t.AdvanceToDeadline();
            t.Next();

            t.Engine.Abort(t.Connection, t.Now);

            t.Expect(Seg.Rst with { Seq = t.Iss + 3001 });
        }

        [Fact]
        [Trait("Requirement", "MUST-20")]
        [Trait("Requirement", "MUST-22")]
        [Trait("Requirement", "SHLD-9")]
        public void UnansweredSynShouldAdviseTheUserAtR1AndGoOn()
        {
            using var t = new EngineHarness(o => o.RetransmissionsBeforeAdvice = 2);
            Seg syn = t.Connect();
            t.DrainNotifications();

            t.AdvanceToDeadline();
            t.Expect(syn with { Timestamps = null });
            Assert.False(t.Notified(NotificationKind.DeliveryProblem));
            t.AdvanceToDeadline();
            t.Expect(syn with { Timestamps = null });

            Assert.True(t.Notified(NotificationKind.DeliveryProblem)); // R1: told, not closed
            Assert.Equal(TcpState.SynSent, t.State);
        }

        [Fact]
        [Trait("Requirement", "MUST-20")]
        [Trait("Requirement", "SHLD-9")]
        public void DataRetransmittedR1TimesShouldAdviseTheUserOnceAndAnAckShouldResetTheCount()
        {
            using var t = Established(o => o.RetransmissionsBeforeAdvice = 2);
            t.Engine.Send(t.Connection, Bytes(10), t.Now);
            t.Next();
            t.AdvanceToDeadline();
            t.Next();
            Assert.False(t.Notified(NotificationKind.DeliveryProblem));
            t.AdvanceToDeadline();
            t.Next();
            Assert.True(t.Notified(NotificationKind.DeliveryProblem));
            t.AdvanceToDeadline();
            t.Next();
            Assert.False(t.Notified(NotificationKind.DeliveryProblem));

            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 11 });
            t.Engine.Send(t.Connection, Bytes(10, 10), t.Now);
            t.Next();
            t.AdvanceToDeadline();
            t.Next();
            Assert.False(t.Notified(NotificationKind.DeliveryProblem)); // a new run of retransmissions starts from zero
            Assert.Equal(TcpState.Established, t.State);
        }

        [Fact]
        public void TwoEnginesShouldRecoverFromLostAcksWithoutAnAckWar()
        {
            var options = new TcpEngineOptions { SendBufferSize = 64 * 1024, ReceiveBufferSize = 64 * 1024, NoDelay = true };
            using var pair = new EnginePair(options, options);
            (ConnectionHandle client, ConnectionHandle server) = pair.Open();
            bool dropServerAcks = true;
            int serverPackets = 0;
            pair.Filter = (fromClient, _) =>
            {
                if (!fromClient)
                {
                    serverPackets++;
                }

                return fromClient || !dropServerAcks;
            };

            byte[] data = Bytes(3 * 1460, 3); // the initial window
            int sent = pair.Client.Send(client, data, pair.Now);
            Assert.Equal(data.Length, sent);
            pair.Shuttle(); // the server gets everything, the client none of the ACKs
            TcpConnection tcb = pair.Client.Find(client)!;
            while (tcb.SendNext == tcb.SendMax)
            {
                pair.AdvanceToNextDeadline(TimeSpan.FromSeconds(5)); // the server's delayed ACK (lost too), then the client's RTO
                if (tcb.SendNext == tcb.SendMax)
                {
                    pair.Shuttle();
                }
            }

            dropServerAcks = false;
            serverPackets = 0;
            pair.Shuttle();

            Assert.InRange(serverPackets, 1, 3); // one ACK for the duplicate, no ping-pong
            Assert.Equal(0, pair.Client.Counters.ChallengeAcksSent);
            Assert.Equal(0, pair.Server.Counters.ChallengeAcksSent);
            Assert.Equal(TcpState.Established, pair.Client.GetStatus(client).State);
            Assert.Equal(64 * 1024, pair.Client.GetStatus(client).SendBufferFree);
            byte[] received = new byte[data.Length];
            Assert.Equal(data.Length, pair.Server.Read(server, received, pair.Now));
            Assert.Equal(data, received);
        }
    }
}
