using System;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using Xunit;
using static TcpGen.Runtime.Tests.Engine.EngineHarness;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>FIN-WAIT-2: our FIN acknowledged; waiting for the peer's.</summary>
    public class FinWait2Test
    {
        [Fact]
        [Trait("Requirement", "MUST-12")]
        public void PeersFinShouldEnterTimeWaitAndSignalGracefulClose()
        {
            using var t = InTimeWait();
            t.AssertTook(TcpState.FinWait2, TcpEvent.RcvFin);
            Assert.Equal(EndReason.Graceful, t.Status.EndReason);
            Assert.True(t.Notified(NotificationKind.Closed));
        }

        [Fact]
        public void HalfCloseShouldKeepReceiving()
        {
            using var t = InFinWait2();
            t.Send(Seg.Data with { Seq = RemoteIss + 1, Ack = t.Iss + 2, Payload = Bytes(2000) });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 2, Ack = RemoteIss + 2001 });
            Assert.Equal(Bytes(2000), t.ReadAll());
            t.AssertTook(TcpState.FinWait2, TcpEvent.RcvText);
        }

        [Fact]
        public void OwnedConnectionShouldWaitForThePeersFinIndefinitely()
        {
            using var t = InFinWait2();
            Assert.Null(t.Engine.NextDeadline);
        }

        [Fact]
        public void OrphanedConnectionShouldGiveUpAfterTheFinWait2Timeout()
        {
            using var t = InFinWait2(o => o.FinWait2Timeout = TimeSpan.FromSeconds(30));
            t.Engine.Release(t.Connection);
            t.Advance(TimeSpan.FromSeconds(29));
            Assert.NotNull(t.Engine.NextDeadline);
            t.Advance(TimeSpan.FromSeconds(2));
            Assert.Null(t.Engine.NextDeadline);
            Assert.Contains(t.Steps, s => s.From == TcpState.FinWait2 && s.Event == TcpEvent.FinWait2Timeout && s.To == TcpState.Closed);
        }

        [Fact]
        public void ExactResetShouldEndAsReset()
        {
            using var t = InFinWait2();
            t.Send(Seg.Rst with { Seq = RemoteIss + 1 });
            Assert.Equal(EndReason.Reset, t.Status.EndReason);
        }

        [Fact]
        public void SegmentsOutsideTheWindowShouldDrawAcks()
        {
            using var t = InFinWait2();
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 9000, Ack = t.Iss + 2 });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 2, Ack = RemoteIss + 1 });
            t.AssertTook(TcpState.FinWait2, TcpEvent.RcvUnacceptable);
        }
    }
}
