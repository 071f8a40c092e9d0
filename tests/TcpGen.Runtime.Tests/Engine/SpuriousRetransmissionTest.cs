using System;
using System.Collections.Generic;
using System.Linq;
using TcpGen.Runtime.Codec;
using Xunit;
using static TcpGen.Runtime.Tests.Engine.EngineHarness;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>
    /// Spurious retransmissions found by the timestamp echo (Eifel detection, RFC 3522) and undone (Eifel response,
    /// RFC 4015): four segments leave, the first is reordered (or lost), and the ACK that covers it tells which.
    /// </summary>
    public class SpuriousRetransmissionTest
    {
        [Fact]
        public void ReorderedSegmentShouldUndoTheFastRetransmit()
        {
            using var t = EstablishedWithTimestamps();
            List<Seg> flight = SendFourSegments(t);
            long windowBefore = t.Tcb.CongestionWindow;
            Seg resend = FastRetransmitFirst(t, flight);
            Assert.True(t.Tcb.SlowStartThreshold < windowBefore, "the fast retransmit should have halved ssthresh");

            // The original first segment was only late: the ACK of all four echoes its TSval, older than the resend's.
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = End(flight[^1]), Timestamps = new TcpTimestamps(t.PeerTsval, flight[0].Timestamps!.Value.Value) });

            Assert.Equal(1, t.Engine.Counters.SpuriousRetransmissions);
            Assert.True(t.Tcb.CongestionWindow >= windowBefore, $"cwnd {t.Tcb.CongestionWindow} not restored to {windowBefore}");
            Assert.True(t.Tcb.SlowStartThreshold > windowBefore, "ssthresh should be back to its value before the loss response");
            Assert.NotEqual(resend.Timestamps, flight[0].Timestamps);
        }

        [Fact]
        public void LostSegmentShouldKeepTheReducedWindow()
        {
            using var t = EstablishedWithTimestamps();
            List<Seg> flight = SendFourSegments(t);
            Seg resend = FastRetransmitFirst(t, flight);
            long threshold = t.Tcb.SlowStartThreshold;

            // The resend filled the hole: the echo is the resend's own TSval.
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = End(flight[^1]), Timestamps = new TcpTimestamps(t.PeerTsval, resend.Timestamps!.Value.Value) });

            Assert.Equal(0, t.Engine.Counters.SpuriousRetransmissions);
            Assert.Equal(threshold, t.Tcb.SlowStartThreshold);
        }

        [Fact]
        public void SpuriousTimeoutShouldResumeWithNewDataAndEndTheBackoff()
        {
            using var t = EstablishedWithTimestamps();
            t.Engine.Send(t.Connection, Bytes(8 * t.Tcb.EffectiveSendMss), t.Now);
            List<Seg> flight = t.DrainAll();
            Assert.Equal(4, flight.Count);
            long windowBefore = t.Tcb.CongestionWindow;
            long baseRto = t.Tcb.RetransmissionTimeoutMicroseconds;
            t.AdvanceToDeadline();
            t.Expect(flight[0] with { Window = null, Timestamps = null });

            // The ACK of the first two had only been delayed: it echoes their first transmission.
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = End(flight[1]), Timestamps = new TcpTimestamps(t.PeerTsval, flight[1].Timestamps!.Value.Value) });

            Assert.Equal(1, t.Engine.Counters.SpuriousRetransmissions);
            Assert.True(t.Tcb.CongestionWindow >= windowBefore);
            Assert.Equal(baseRto, t.Tcb.RetransmissionTimeoutMicroseconds);
            // RFC 4015 2: new data follows, not the rest of the go-back-N resend (the third segment again).
            Seg next = t.Next();
            Assert.Equal(End(flight[^1]), next.Seq);
        }

        [Fact]
        public void WithoutTimestampsNothingShouldBeUndone()
        {
            using var t = Established();
            List<Seg> flight = SendFourSegments(t);
            FastRetransmitFirst(t, flight);
            long threshold = t.Tcb.SlowStartThreshold;

            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = End(flight[^1]) });

            Assert.Equal(0, t.Engine.Counters.SpuriousRetransmissions);
            Assert.Equal(threshold, t.Tcb.SlowStartThreshold);
        }

        /// <summary>Sends four full segments (the initial window) and returns them.</summary>
        private static List<Seg> SendFourSegments(EngineHarness t)
        {
            t.Engine.Send(t.Connection, Bytes(4 * t.Tcb.EffectiveSendMss), t.Now);
            List<Seg> flight = t.DrainAll();
            Assert.Equal(4, flight.Count);
            return flight;
        }

        /// <summary>Five milliseconds later three duplicate ACKs arrive: the first segment goes again; returns it.</summary>
        private static Seg FastRetransmitFirst(EngineHarness t, List<Seg> flight)
        {
            t.Advance(TimeSpan.FromMilliseconds(5));
            for (int i = 0; i < 3; i++)
            {
                t.Send(t.Tcb.TimestampsEnabled
                    ? t.Stamped(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = flight[0].Seq })
                    : Seg.AckOnly with { Seq = RemoteIss + 1, Ack = flight[0].Seq });
            }

            Seg resend = t.DrainAll().Single(s => s.Length > 0);
            Assert.Equal(flight[0].Seq, resend.Seq);
            Assert.Equal(1, t.Engine.Counters.FastRetransmits);
            return resend;
        }

        /// <summary>One past the last octet of <paramref name="segment"/>.</summary>
        private static uint End(Seg segment) => segment.Seq + (uint)segment.Length;
    }
}
