using System;
using TcpGen.Runtime.Timers;
using Xunit;
using static TcpGen.Runtime.Tests.Engine.EngineHarness;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>
    /// Tail loss probes (RFC 8985 7) and the resend of a lost retransmission in fast recovery: loss found in about two
    /// round trips instead of after the 200 ms (or longer) RTO.
    /// </summary>
    public class LossProbeTest
    {
        /// <summary>
        /// An established connection with probes on after twenty 10 ms round trips (the handshake's instant one fades:
        /// SRTT about 9.3 ms, RTO at its 200 ms minimum); 1000 octets were sent and acknowledged, SND.UNA = ISS + 1001.
        /// </summary>
        private static EngineHarness WithRoundTripSample()
        {
            var t = Established(o => o.TailLossProbes = true);
            for (int i = 0; i < 20; i++)
            {
                t.Engine.Send(t.Connection, Bytes(50), t.Now);
                t.Next();
                t.Advance(TimeSpan.FromMilliseconds(10));
                t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 1 + (uint)(50 * (i + 1)), Window = 8000 });
                t.ExpectNothing();
            }

            return t;
        }

        [Fact]
        public void UnansweredTailShouldBeProbedWithItsLastSegmentAfterTwoRoundTrips()
        {
            using var t = WithRoundTripSample();
            t.Engine.Send(t.Connection, Bytes(2000, 1000), t.Now);
            t.DrainAll();

            // PTO = 2 x SRTT, about 19 ms, well before the 200 ms RTO; no new data waits, so the last segment goes again.
            Instant sent = t.Now;
            t.AdvanceToDeadline();
            Assert.InRange(t.Now.MicrosecondsSince(sent), 15_000, 25_000);

            t.Expect(Seg.Data with { Seq = t.Iss + 2001, Ack = RemoteIss + 1, Payload = Bytes(1000, 2000) });
            t.ExpectNothing();
            Assert.Equal(1, t.Engine.Counters.LossProbes);
            Assert.Equal(0, t.Engine.Counters.RetransmissionTimeouts);
        }

        [Fact]
        public void ProbeShouldSendNewDataWhenCwndHoldsItBackButTheWindowTakesIt()
        {
            using var t = WithRoundTripSample();
            t.Engine.Send(t.Connection, Bytes(7000, 1000), t.Now);
            Assert.Equal(5, t.DrainAll().Count); // cwnd is 5 segments after one ACK in slow start

            t.AdvanceToDeadline();

            // The probe is the next new segment, which cwnd alone would have held back (RFC 8985 7.3).
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 6001, Ack = RemoteIss + 1, Payload = Bytes(1000, 6000) });
            t.ExpectNothing();
            Assert.Equal(1, t.Engine.Counters.LossProbes);
        }

        [Fact]
        public void OneProbePerTailShouldBeSentThenTheRto()
        {
            using var t = WithRoundTripSample();
            t.Engine.Send(t.Connection, Bytes(2000, 1000), t.Now);
            t.DrainAll();
            t.AdvanceToDeadline();
            t.Next(); // the probe

            // Nothing answers the probe either: the next event is the RTO, restarted when the probe went out.
            Instant probeSent = t.Now;
            t.AdvanceToDeadline();
            Assert.Equal(probeSent.AddMicroseconds(200_000), t.Now);
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1001, Ack = RemoteIss + 1, Payload = Bytes(1000, 1000) });
            Assert.Equal(1, t.Engine.Counters.LossProbes);
            Assert.Equal(1, t.Engine.Counters.RetransmissionTimeouts);
        }

        [Fact]
        public void AckOfEverythingShouldCancelTheProbe()
        {
            using var t = WithRoundTripSample();
            t.Engine.Send(t.Connection, Bytes(2000, 1000), t.Now);
            t.DrainAll();

            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 3001, Window = 8000 });

            Assert.Null(t.Engine.NextDeadline);
            Assert.Equal(0, t.Engine.Counters.LossProbes);
        }

        [Fact]
        public void ClosedPeerWindowShouldNotBeProbedBeforeTheRto()
        {
            using var t = WithRoundTripSample();
            t.Engine.Send(t.Connection, Bytes(3000, 1000), t.Now);
            t.DrainAll();

            // The peer takes the first segment and closes its window: the retransmission timer alone watches it.
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 2001, Window = 0 });

            Instant acked = t.Now;
            t.AdvanceToDeadline();
            Assert.Equal(acked.AddMicroseconds(200_000), t.Now);
            Assert.Equal(0, t.Engine.Counters.LossProbes);
        }

        [Fact]
        public void ProbesTurnedOffShouldLeaveTheRtoAsTheOnlyTimer()
        {
            using var t = Established(o => o.TailLossProbes = false);
            t.Engine.Send(t.Connection, Bytes(1000), t.Now);
            t.Next();
            t.Advance(TimeSpan.FromMilliseconds(10));
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 1001, Window = 8000 });
            t.Engine.Send(t.Connection, Bytes(2000, 1000), t.Now);
            t.DrainAll();

            Assert.Equal(t.Now.AddMicroseconds(200_000), t.Engine.NextDeadline);
        }

        [Fact]
        public void DuplicatesARoundTripAfterTheFastRetransmitShouldResendItAgain()
        {
            using var t = WithRoundTripSample();
            t.Engine.Send(t.Connection, Bytes(7000, 1000), t.Now);
            t.DrainAll(); // five segments from ISS + 1001
            Seg DuplicateAck() => Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 1001, Window = 8000 };
            t.Send(DuplicateAck());
            Assert.Single(t.DrainAll()); // limited transmit
            t.Send(DuplicateAck());
            Assert.Single(t.DrainAll()); // limited transmit: all 7000 octets are out
            t.Send(DuplicateAck());
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1001, Ack = RemoteIss + 1, Payload = Bytes(1000, 1000) });
            Assert.Equal(1, t.Engine.Counters.FastRetransmits);

            // A duplicate soon after the resend comes from a segment sent before it: nothing.
            t.Advance(TimeSpan.FromMilliseconds(5));
            t.Send(DuplicateAck());
            t.ExpectNothing();

            // One more than SRTT + SRTT/4 after the resend, duplicates still come: the resend was lost as well.
            t.Advance(TimeSpan.FromMilliseconds(10));
            t.Send(DuplicateAck());

            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1001, Ack = RemoteIss + 1, Payload = Bytes(1000, 1000) });
            Assert.Equal(1, t.Engine.Counters.LostRetransmissions);
            Assert.Equal(1, t.Engine.Counters.FastRetransmits);
        }
    }
}
