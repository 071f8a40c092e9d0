using System;
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
            // Three segments arrive before the engine is asked for output: the ACK owed after the second one waits
            // until every queued segment is processed, and one ACK covers all three.
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(1000) });
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1001, Ack = t.Iss + 1, Payload = Bytes(1000) });
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 2001, Ack = t.Iss + 1, Payload = Bytes(1000) });

            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 3001 });
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
