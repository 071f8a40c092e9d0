using System;
using TcpGen.Runtime.Engine;
using Xunit;
using static TcpGen.Runtime.Tests.Engine.EngineHarness;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>Engine bugs found by the simulation, each pinned by the smallest script that showed it.</summary>
    public class RegressionTest
    {
        /// <summary>
        /// Found by the 64 MiB simulation (seed 3, 5% loss): both sides hit an RTO, rolled SND.NXT back and then numbered
        /// their pure ACKs with it. Each side's RCV.NXT was already past the other's rolled-back SND.NXT, so every ACK
        /// failed the sequence check, drew an ACK in reply and was dropped unread: an endless ACK war until R2.
        /// </summary>
        [Fact]
        public void PureAckAfterRtoShouldCarrySndMaxNotTheRolledBackSndNxt()
        {
            using var t = Established();
            t.Engine.Send(t.Connection, Bytes(3000), t.Now);
            Assert.Equal(3, t.DrainAll().Count);

            // The RTO resends the first segment only and rolls SND.NXT back to SND.UNA + 1000.
            t.AdvanceToDeadline();
            Seg retransmitted = t.Next();
            Assert.Equal(t.Iss + 1, retransmitted.Seq);
            t.ExpectNothing();

            // Out-of-order text draws an immediate duplicate ACK; its sequence number must be SND.MAX (Iss + 3001), which
            // the peer, having received all three segments, finds acceptable.
            t.Send(Seg.Data with { Seq = RemoteIss + 11, Ack = t.Iss + 1, Window = 8000, Payload = Bytes(10) });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 3001, Ack = RemoteIss + 1 });
        }

        /// <summary>The same ACK, seen by the peer of the scenario above, is taken: its ACK field moves SND.UNA.</summary>
        [Fact]
        public void AckNumberedWithPeerSndMaxShouldBeAcceptedAfterOurRto()
        {
            using var t = Established();
            t.Engine.Send(t.Connection, Bytes(3000), t.Now);
            t.DrainAll();
            t.AdvanceToDeadline();
            t.DrainAll();

            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 3001, Window = 8000 });
            t.ExpectNothing();
            Assert.Equal(t.Options.SendBufferSize, t.Status.SendBufferFree);
        }

        /// <summary>
        /// Found by the 100 MiB kernel test with 2% loss both ways: Linux, having filled the window we offered, numbers its
        /// bare ACKs with its SND.NXT, our right edge (RCV.NXT + RCV.WND), one past what RFC 9293 Table 6 accepts. We
        /// answered each with an ACK and ignored its ACK field: SND.UNA stayed behind, we resent acknowledged data, and
        /// our answers reached Linux as duplicate ACKs, so it inferred reordering, stopped fast retransmitting and
        /// waited on RTOs backed off to many seconds. Such an ACK is taken and not answered; one octet further is not.
        /// </summary>
        [Fact]
        public void BareAckAtTheRightEdgeOfOurWindowShouldBeTakenWithoutAnAnswer()
        {
            using var t = Established();
            t.Engine.Send(t.Connection, Bytes(3000), t.Now);
            t.DrainAll();

            // The peer sent our whole 6000-octet window, the first segment lost: RCV.NXT stays at RemoteIss + 1.
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 6001, Ack = t.Iss + 3001, Window = 8000 });
            t.ExpectNothing();
            Assert.Equal(t.Options.SendBufferSize, t.Status.SendBufferFree);

            t.Send(Seg.AckOnly with { Seq = RemoteIss + 6002, Ack = t.Iss + 3001, Window = 8000 });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 3001, Ack = RemoteIss + 1 }); // past the edge: unacceptable
        }
    }
}
