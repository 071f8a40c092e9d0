using System;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using Xunit;
using static TcpGen.Runtime.Tests.Engine.EngineHarness;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>The sender side of flow control: sender SWS avoidance (RFC 9293 3.8.6.2.1) and a peer that shrinks its window (3.8.6).</summary>
    public class SendWindowTest
    {
        [Fact]
        [Trait("Requirement", "MUST-38")]
        public void SmallUsableWindowShouldNotBeFilledWithATinySegment()
        {
            using var t = Established();
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Window = 300 });

            t.Engine.Send(t.Connection, Bytes(1000), t.Now);

            // 300 octets: less than an MSS, less than the data queued, less than half the largest window (8000).
            t.ExpectNothing();
        }

        [Fact]
        [Trait("Requirement", "MUST-38")]
        [Trait("Requirement", "MUST-60")]
        public void OverrideTimeoutShouldSendWhatFitsAfterAll()
        {
            using var t = Established();
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Window = 300 });
            t.Engine.Send(t.Connection, Bytes(1000), t.Now);
            t.ExpectNothing();

            t.AdvanceToDeadline();

            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 1, Payload = Bytes(300) });
            t.ExpectNothing();
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 301, Window = 8000 });
            t.Expect(Seg.Data with { Seq = t.Iss + 301, Ack = RemoteIss + 1, Payload = Bytes(700, 300) });
        }

        [Fact]
        [Trait("Requirement", "MUST-38")]
        public void SegmentOfHalfTheLargestWindowShouldBeSent()
        {
            using var t = new EngineHarness();
            t.Connect();
            t.Send(Seg.SynAck with { Seq = RemoteIss, Ack = t.Iss + 1, Window = 600, Mss = 1000 });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 1 });

            t.Engine.Send(t.Connection, Bytes(1000), t.Now);

            // 600 octets is the whole (largest) window: at least Fs = 1/2 of it, so it goes although smaller than an MSS.
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 1, Payload = Bytes(600) });
        }

        [Fact]
        [Trait("Requirement", "MUST-34")]
        [Trait("Requirement", "SHLD-15")]
        [Trait("Requirement", "SHLD-16")]
        public void ShrunkWindowShouldStopNewDataAndRetransmitOnlyWhatFits()
        {
            using var t = Established();
            t.Engine.Send(t.Connection, Bytes(3000), t.Now);
            t.DrainAll();

            // The peer takes 1000 octets and moves its right edge from SND.UNA + 8000 back to SND.UNA + 500.
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 1001, Window = 500 });
            t.Engine.Send(t.Connection, Bytes(1000, 3000), t.Now);
            t.ExpectNothing(); // usable window is negative: no new data

            t.AdvanceToDeadline();
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1001, Ack = RemoteIss + 1, Payload = Bytes(500, 1000) });
            t.ExpectNothing();
            Assert.Equal(TcpState.Established, t.State);

            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 1501, Window = 8000 });
            Seg next = t.Next();
            Assert.Equal(t.Iss + 1501, next.Seq);
        }

        [Fact]
        [Trait("Requirement", "MUST-34")]
        [Trait("Requirement", "MUST-35")]
        [Trait("Requirement", "SHLD-17")]
        public void WindowShrunkToZeroUnderDataInFlightShouldBeProbedNotTimedOut()
        {
            using var t = Established();
            t.Engine.SetUserTimeout(t.Connection, TimeSpan.FromSeconds(20));
            t.Engine.Send(t.Connection, Bytes(3000), t.Now);
            t.DrainAll();
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 1001, Window = 0 });

            for (int i = 0; i < 12; i++)
            {
                t.AdvanceToDeadline();
                t.Expect(Seg.AckOnly with { Seq = t.Iss + 1001, Ack = RemoteIss + 1, Payload = Bytes(1, 1000) });
                t.ExpectNothing();
                t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 1001, Window = 0 });
            }

            Assert.Equal(TcpState.Established, t.State);
            Assert.Equal(12, t.Engine.Counters.WindowProbes);

            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 1001, Window = 8000 });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1001, Ack = RemoteIss + 1, Payload = Bytes(1000, 1000) });
        }
    }
}
