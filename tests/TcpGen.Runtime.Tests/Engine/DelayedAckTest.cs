using System;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using Xunit;
using static TcpGen.Runtime.Tests.Engine.EngineHarness;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>When ACKs leave (RFC 9293 3.8.6.3 and 3.10.7.4, RFC 5681 4.2): delayed, every second segment, at once, aggregated.</summary>
    public class DelayedAckTest
    {
        [Fact]
        [Trait("Requirement", "MUST-40")]
        [Trait("Requirement", "SHLD-18")]
        public void InOrderSegmentShouldBeAcknowledgedAfterTheDelayedAckTimeout()
        {
            using var t = Established();
            t.Send(Seg.Data with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(10) });

            t.Advance(TimeSpan.FromMilliseconds(39));
            t.ExpectNothing();
            t.Advance(TimeSpan.FromMilliseconds(1));
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 11 });
        }

        [Fact]
        [Trait("Requirement", "MUST-40")]
        public void DelayedAckTimeoutShouldBeConfigurable()
        {
            using var t = Established(o => o.DelayedAckTimeout = TimeSpan.FromMilliseconds(200));
            t.Send(Seg.Data with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(10) });

            t.Advance(TimeSpan.FromMilliseconds(199));
            t.ExpectNothing();
            t.Advance(TimeSpan.FromMilliseconds(1));
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 11 });
        }

        [Fact]
        [Trait("Requirement", "MUST-40")]
        public void DelayedAckTimeoutOfHalfASecondOrMoreShouldBeRefused()
        {
            var options = new TcpEngineOptions();
            Assert.Throws<ArgumentOutOfRangeException>(() => options.DelayedAckTimeout = TimeSpan.FromMilliseconds(500));
            Assert.Throws<ArgumentOutOfRangeException>(() => options.DelayedAckTimeout = TimeSpan.FromMilliseconds(-1));
            options.DelayedAckTimeout = TcpEngineOptions.MaximumDelayedAckTimeout;
            Assert.True(options.DelayedAckTimeout < TimeSpan.FromMilliseconds(500));
        }

        [Fact]
        public void ZeroDelayedAckTimeoutShouldAcknowledgeEverySegmentAtOnce()
        {
            using var t = Established(o => o.DelayedAckTimeout = TimeSpan.Zero);
            t.Send(Seg.Data with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(10) });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 11 });
        }

        [Fact]
        [Trait("Requirement", "SHLD-19")]
        public void SecondFullSizedSegmentShouldBeAcknowledgedAtOnce()
        {
            using var t = Established();
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(1000) });
            t.ExpectNothing();
            t.Send(Seg.Data with { Seq = RemoteIss + 1001, Ack = t.Iss + 1, Payload = Bytes(1000, 1000) });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 2001 });
            Assert.Null(t.Engine.NextDeadline); // the delayed-ACK timer went with the ACK
        }

        [Fact]
        public void OutOfOrderSegmentShouldDrawAnImmediateDuplicateAck()
        {
            using var t = Established();
            t.Send(Seg.Data with { Seq = RemoteIss + 1001, Ack = t.Iss + 1, Payload = Bytes(100) });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 1 });
            t.Send(Seg.Data with { Seq = RemoteIss + 1201, Ack = t.Iss + 1, Payload = Bytes(100) });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 1 });
        }

        [Fact]
        [Trait("Requirement", "SHLD-31")]
        public void SegmentFillingTheGapShouldBeAcknowledgedAtOnce()
        {
            using var t = Established();
            t.Send(Seg.Data with { Seq = RemoteIss + 101, Ack = t.Iss + 1, Payload = Bytes(50, 100) });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 1 });

            t.Send(Seg.Data with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(100) });

            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 151 });
            Assert.Equal(Bytes(150), t.ReadAll());
        }

        [Fact]
        public void DuplicateSegmentShouldBeAcknowledgedAtOnce()
        {
            using var t = Established();
            t.Send(Seg.Data with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(10) });
            t.AdvanceToDeadline();
            t.Next();
            t.Send(Seg.Data with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(10) });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 11 });
        }

        [Fact]
        [Trait("Requirement", "MUST-58")]
        [Trait("Requirement", "MUST-59")]
        public void SegmentsProcessedTogetherShouldDrawOneAck()
        {
            using var t = Established();
            // Three small in-order segments and a FIN arrive before the engine is asked for output: no single one owes
            // an immediate ACK, so every queued segment is processed first and one ACK covers them all.
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(300) });
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 301, Ack = t.Iss + 1, Payload = Bytes(300) });
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 601, Ack = t.Iss + 1, Payload = Bytes(300) });
            t.Send(Seg.FinAck with { Seq = RemoteIss + 901, Ack = t.Iss + 1 });

            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 902 });
            t.ExpectNothing();
        }

        [Fact]
        [Trait("Requirement", "SHLD-19")]
        [Trait("Requirement", "MUST-58")]
        public void FullSizedSegmentsInOneBatchShouldBeAcknowledgedEverySecondSegment()
        {
            using var t = Established(o => o.ReceiveBufferSize = 20_000);
            // Ten full-sized segments arrive back to back before any output is polled (a hosting loop takes a batch of
            // packets per pass): the ACK owed every second segment may not be folded into one ACK for the batch.
            for (uint i = 0; i < 10; i++)
            {
                t.Send(Seg.AckOnly with { Seq = RemoteIss + 1 + (i * 1000), Ack = t.Iss + 1, Payload = Bytes(1000) });
            }

            var acks = t.DrainAll();
            Assert.Equal(new uint[] { RemoteIss + 2001, RemoteIss + 4001, RemoteIss + 6001, RemoteIss + 8001, RemoteIss + 10001 }, acks.ConvertAll(a => a.Ack).ToArray());
            Assert.All(acks, a => Assert.Equal(TcpFlags.Ack, a.Flags));
            Assert.All(acks, a => Assert.Equal(t.Iss + 1, a.Seq));
        }

        [Fact]
        [Trait("Requirement", "MAY-13")]
        [Trait("Requirement", "SHLD-19")]
        public void OutOfOrderSegmentsInOneBatchShouldEachDrawADuplicateAck()
        {
            using var t = Established();
            // The segment at RCV.NXT is lost; the next three arrive together before any output is polled. The peer needs
            // three duplicate ACKs to fast-retransmit (RFC 5681 3.2), so each must draw its own (RFC 5681 4.2).
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1001, Ack = t.Iss + 1, Payload = Bytes(1000) });
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 2001, Ack = t.Iss + 1, Payload = Bytes(1000) });
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 3001, Ack = t.Iss + 1, Payload = Bytes(1000) });

            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 1 });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 1 });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 1 });
            t.ExpectNothing();

            // The retransmission fills the gap: one ACK for everything.
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(1000) });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 4001 });
            t.ExpectNothing();
        }

        [Fact]
        [Trait("Requirement", "SHLD-19")]
        public void AckOwedBeforeANewHoleShouldLeaveBeforeTheDuplicateAck()
        {
            using var t = Established();
            // Two full-sized segments owe an ACK; the next segment of the batch is out of order. The ACK of the first two
            // leaves as it stood, then the duplicate ACK for the out-of-order one: two ACKs, as if each came alone.
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(1000) });
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1001, Ack = t.Iss + 1, Payload = Bytes(1000) });
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 3001, Ack = t.Iss + 1, Payload = Bytes(1000) });

            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 2001 });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 2001 });
            t.ExpectNothing();
        }

        [Fact]
        [Trait("Requirement", "MUST-58")]
        public void DataSentWhileAnAckIsDelayedShouldCarryItAndStopTheTimer()
        {
            using var t = Established();
            t.Send(Seg.Data with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(10) });
            t.Engine.Send(t.Connection, Bytes(5), t.Now);

            t.Expect(Seg.Data with { Seq = t.Iss + 1, Ack = RemoteIss + 11, Payload = Bytes(5) });
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 11, Ack = t.Iss + 6 });
            Assert.Null(t.Engine.NextDeadline);
            t.Advance(TimeSpan.FromMilliseconds(100));
            t.ExpectNothing();
        }
    }
}
