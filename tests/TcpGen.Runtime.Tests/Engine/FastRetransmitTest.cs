using System;
using TcpGen.Runtime.Codec;
using Xunit;
using static TcpGen.Runtime.Tests.Engine.EngineHarness;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>
    /// Loss recovery without a timeout: duplicate ACKs from the receiver (RFC 5681 4.2), limited transmit (RFC 3042),
    /// fast retransmit and NewReno fast recovery (RFC 5681 3.2, RFC 6582), and the counters that report them.
    /// </summary>
    public class FastRetransmitTest
    {
        /// <summary>The peer's duplicate ACK of SND.UNA = ISS + 1 (window as in <see cref="EngineHarness.Established"/>).</summary>
        private static Seg DuplicateAck(EngineHarness t) => Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Window = 8000 };

        [Fact]
        public void OutOfOrderSegmentsProcessedTogetherShouldEachDrawABareDuplicateAck()
        {
            using var t = Established();
            t.Engine.Send(t.Connection, Bytes(500), t.Now);
            // Three segments after a hole arrive before the engine is asked for output.
            t.Send(Seg.Data with { Seq = RemoteIss + 1001, Ack = t.Iss + 1, Payload = Bytes(1000, 1000) });
            t.Send(Seg.Data with { Seq = RemoteIss + 2001, Ack = t.Iss + 1, Payload = Bytes(1000, 2000) });
            t.Send(Seg.Data with { Seq = RemoteIss + 3001, Ack = t.Iss + 1, Payload = Bytes(1000, 3000) });

            // One duplicate ACK each, without data (a duplicate carrying data does not count, RFC 5681 2); then the data.
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 1 });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 1 });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 1 });
            t.Expect(Seg.Data with { Seq = t.Iss + 1, Ack = RemoteIss + 1, Payload = Bytes(500) });
            t.ExpectNothing();
        }

        [Fact]
        [Trait("Requirement", "MAY-13")]
        public void SegmentFillingTheHoleShouldCancelDuplicateAcksNotYetSent()
        {
            using var t = Established();
            t.Send(Seg.Data with { Seq = RemoteIss + 1001, Ack = t.Iss + 1, Payload = Bytes(1000, 1000) });
            t.Send(Seg.Data with { Seq = RemoteIss + 2001, Ack = t.Iss + 1, Payload = Bytes(1000, 2000) });
            t.Send(Seg.Data with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(1000) });

            // The hole filled before any ACK left: one ACK of everything, no stale duplicates.
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 3001 });
            t.ExpectNothing();
            Assert.Equal(Bytes(3000), t.ReadAll());
        }

        [Fact]
        public void FirstTwoDuplicateAcksShouldEachReleaseOneNewSegment()
        {
            using var t = Established();
            t.Engine.Send(t.Connection, Bytes(8000), t.Now);
            Assert.Equal(4, t.DrainAll().Count); // IW = 4 SMSS of 1000 (RFC 5681 3.1)

            t.Send(DuplicateAck(t));
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 4001, Ack = RemoteIss + 1, Payload = Bytes(1000, 4000) });
            t.ExpectNothing();

            t.Send(DuplicateAck(t));
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 5001, Ack = RemoteIss + 1, Payload = Bytes(1000, 5000) });
            t.ExpectNothing();
            Assert.Equal(0, t.Engine.Counters.FastRetransmits);
            Assert.Equal(2, t.Engine.Counters.DuplicateAcksReceived);
        }

        [Fact]
        [Trait("Requirement", "MUST-19")]
        public void ThirdDuplicateAckShouldRetransmitTheFirstSegmentAndCountIt()
        {
            using var t = Established();
            t.Engine.Send(t.Connection, Bytes(8000), t.Now);
            t.DrainAll();
            t.Send(DuplicateAck(t));
            t.Send(DuplicateAck(t));
            t.DrainAll(); // the two limited-transmit segments

            t.Send(DuplicateAck(t));

            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 1, Payload = Bytes(1000) });
            Assert.Equal(1, t.Engine.Counters.FastRetransmits);
            Assert.Equal(3, t.Engine.Counters.DuplicateAcksReceived);
            Assert.Equal(0, t.Engine.Counters.RetransmissionTimeouts);
            Assert.Equal(1, t.Engine.Counters.Retransmissions);
        }

        [Fact]
        public void PartialAckInRecoveryShouldRetransmitTheNextHole()
        {
            using var t = Established();
            t.Engine.Send(t.Connection, Bytes(8000), t.Now);
            t.DrainAll();
            for (int i = 0; i < 3; i++)
            {
                t.Send(DuplicateAck(t));
            }

            t.DrainAll();

            // Segments 1 and 3 were lost: the ACK of the first retransmission stops at the second hole (RFC 6582 3.2 step 5).
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 2001, Window = 8000 });

            t.Expect(Seg.AckOnly with { Seq = t.Iss + 2001, Ack = RemoteIss + 1, Payload = Bytes(1000, 2000) });
            Assert.Equal(1, t.Engine.Counters.FastRetransmits);
        }

        [Fact]
        public void DuplicateAcksAtTheRecoverPointAfterATimeoutShouldStartFastRetransmit()
        {
            using var t = Established();
            t.Engine.Send(t.Connection, Bytes(2000), t.Now);
            t.DrainAll();
            t.AdvanceToDeadline(); // RTO: recover = SND.MAX = ISS + 2001
            t.Next();
            Assert.Equal(1, t.Engine.Counters.RetransmissionTimeouts);
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 2001, Window = 8000 });

            // New data past recover; its first segment is lost and the ACKs stay at recover itself.
            t.Engine.Send(t.Connection, Bytes(6000, 2000), t.Now);
            t.DrainAll();
            for (int i = 0; i < 3; i++)
            {
                t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 2001, Window = 8000 });
            }

            // A new loss (RFC 6582 3.2 step 2: the ACK covers all that was outstanding at the timeout): fast retransmit.
            Seg resent = t.DrainAll().Find(s => s.Seq == t.Iss + 2001);
            Assert.Equal(Bytes(1000, 2000), resent.Payload);
            Assert.Equal(1, t.Engine.Counters.FastRetransmits);
        }

        [Fact]
        public void DuplicateAcksBelowTheRecoverPointShouldNotStartAnotherRecovery()
        {
            using var t = Established();
            t.Engine.Send(t.Connection, Bytes(4000), t.Now);
            t.DrainAll();
            t.AdvanceToDeadline(); // RTO: recover = ISS + 4001, go back to SND.UNA
            t.DrainAll();

            // Duplicates of an ACK below recover come from the go-back-N resending, not from a new loss.
            for (int i = 0; i < 3; i++)
            {
                t.Send(DuplicateAck(t));
            }

            Assert.Equal(0, t.Engine.Counters.FastRetransmits);
            Assert.Equal(3, t.Engine.Counters.DuplicateAcksReceived);
        }

        [Fact]
        public void RetransmissionTimeoutShouldBeCounted()
        {
            using var t = Established();
            t.Engine.Send(t.Connection, Bytes(1000), t.Now);
            t.DrainAll();

            t.AdvanceToDeadline();
            t.DrainAll();
            t.AdvanceToDeadline();
            t.DrainAll();

            Assert.Equal(2, t.Engine.Counters.RetransmissionTimeouts);
            Assert.Equal(2, t.Engine.Counters.Retransmissions);
            Assert.Equal(0, t.Engine.Counters.FastRetransmits);
        }
    }
}
