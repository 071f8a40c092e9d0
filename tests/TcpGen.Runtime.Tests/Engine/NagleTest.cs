using TcpGen.Runtime.Engine;
using Xunit;
using static TcpGen.Runtime.Tests.Engine.EngineHarness;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>Nagle's algorithm and its per-connection switch (RFC 9293 3.7.4, MUST-17).</summary>
    public class NagleTest
    {
        [Fact]
        [Trait("Requirement", "MUST-17")]
        [Trait("Requirement", "SHLD-7")]
        public void NagleShouldHoldSmallSegmentsUntilTheOutstandingDataIsAcknowledged()
        {
            using var t = Established(o => o.NoDelay = false);
            t.Engine.Send(t.Connection, Bytes(10), t.Now);
            t.Expect(Seg.Data with { Seq = t.Iss + 1, Ack = RemoteIss + 1, Payload = Bytes(10) }); // nothing outstanding: sent

            t.Engine.Send(t.Connection, Bytes(10, 10), t.Now);
            t.Engine.Send(t.Connection, Bytes(5, 20), t.Now);
            t.ExpectNothing();

            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 11 });
            t.Expect(Seg.Data with { Seq = t.Iss + 11, Ack = RemoteIss + 1, Payload = Bytes(15, 10) }); // coalesced
        }

        [Fact]
        [Trait("Requirement", "MUST-17")]
        public void NagleShouldStillSendFullSizedSegments()
        {
            using var t = Established(o => o.NoDelay = false);
            t.Engine.Send(t.Connection, Bytes(10), t.Now);
            t.Next();

            t.Engine.Send(t.Connection, Bytes(2500, 10), t.Now);

            t.Expect(Seg.AckOnly with { Seq = t.Iss + 11, Ack = RemoteIss + 1, Payload = Bytes(1000, 10) });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1011, Ack = RemoteIss + 1, Payload = Bytes(1000, 1010) });
            t.ExpectNothing(); // the 500-octet tail waits
        }

        [Fact]
        [Trait("Requirement", "MUST-17")]
        public void TurningNagleOffOnTheConnectionShouldReleaseHeldDataAtOnce()
        {
            using var t = Established(o => o.NoDelay = false);
            t.Engine.Send(t.Connection, Bytes(10), t.Now);
            t.Next();
            t.Engine.Send(t.Connection, Bytes(10, 10), t.Now);
            t.ExpectNothing();

            t.Engine.SetNoDelay(t.Connection, true);

            t.Expect(Seg.Data with { Seq = t.Iss + 11, Ack = RemoteIss + 1, Payload = Bytes(10, 10) });
            t.Engine.Send(t.Connection, Bytes(3, 20), t.Now);
            t.Expect(Seg.Data with { Seq = t.Iss + 21, Ack = RemoteIss + 1, Payload = Bytes(3, 20) });
        }

        [Fact]
        [Trait("Requirement", "MUST-17")]
        public void TurningNagleOnOnTheConnectionShouldHoldSmallSegments()
        {
            using var t = Established(); // the harness default is NoDelay
            t.Engine.Send(t.Connection, Bytes(10), t.Now);
            t.Engine.Send(t.Connection, Bytes(10, 10), t.Now);
            t.Expect(Seg.Data with { Seq = t.Iss + 1, Ack = RemoteIss + 1, Payload = Bytes(20) });
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 21 });

            t.Engine.SetNoDelay(t.Connection, false);
            t.Engine.Send(t.Connection, Bytes(1, 20), t.Now);
            t.Next();
            t.Engine.Send(t.Connection, Bytes(1, 21), t.Now);

            t.ExpectNothing();
            Assert.False(t.Tcb.NoDelay);
        }

        [Fact]
        [Trait("Requirement", "MUST-17")]
        public void NoDelayShouldSendEachSmallWriteAtOnce()
        {
            using var t = Established(o => o.NoDelay = true);
            t.Engine.Send(t.Connection, Bytes(10), t.Now);
            t.Expect(Seg.Data with { Seq = t.Iss + 1, Ack = RemoteIss + 1, Payload = Bytes(10) });
            t.Engine.Send(t.Connection, Bytes(10, 10), t.Now);
            t.Expect(Seg.Data with { Seq = t.Iss + 11, Ack = RemoteIss + 1, Payload = Bytes(10, 10) });
        }
    }
}
