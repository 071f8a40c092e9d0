using System;
using TcpGen.Runtime.Engine;
using Xunit;
using static TcpGen.Runtime.Tests.Engine.EngineHarness;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>TIME-WAIT: 2 x MSL (MUST-13).</summary>
    public class TimeWaitTest
    {
        [Fact]
        [Trait("Requirement", "MUST-13")]
        public void TimeWaitShouldLastTwiceTheMsl()
        {
            using var t = InTimeWait(o => o.MaximumSegmentLifetime = TimeSpan.FromSeconds(10));
            t.Advance(TimeSpan.FromSeconds(19.9));
            Assert.Equal(TcpState.TimeWait, t.State);
            t.Advance(TimeSpan.FromSeconds(0.2));
            Assert.Equal(TcpState.Closed, t.State);
            t.AssertTook(TcpState.TimeWait, TcpEvent.TimeWaitTimeout);
        }

        [Fact]
        [Trait("Requirement", "MUST-13")]
        public void RetransmittedFinShouldBeAcknowledgedAndRestartTheWait()
        {
            using var t = InTimeWait(o => o.MaximumSegmentLifetime = TimeSpan.FromSeconds(10));
            t.Advance(TimeSpan.FromSeconds(15));
            t.Send(Seg.FinAck with { Seq = RemoteIss + 1, Ack = t.Iss + 2 });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 2, Ack = RemoteIss + 2 });
            t.Advance(TimeSpan.FromSeconds(15));
            Assert.Equal(TcpState.TimeWait, t.State);
            t.Advance(TimeSpan.FromSeconds(6));
            Assert.Equal(TcpState.Closed, t.State);
        }

        [Fact]
        public void DefaultTwiceMslShouldOutlastTheLargestRto()
        {
            var options = new TcpEngineOptions();
            Assert.True(2 * options.MaximumSegmentLifetime > options.MaximumRetransmissionTimeout);
        }

        [Fact]
        public void ResetShouldNotEndTimeWait()
        {
            using var t = InTimeWait();
            t.Send(Seg.Rst with { Seq = RemoteIss + 2 });
            Assert.Equal(TcpState.TimeWait, t.State);
            t.AssertTook(TcpState.TimeWait, TcpEvent.RcvRst);
        }

        [Fact]
        public void AcksShouldBeIgnored()
        {
            using var t = InTimeWait();
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 2, Ack = t.Iss + 2 });
            t.ExpectNothing();
            t.AssertTook(TcpState.TimeWait, TcpEvent.RcvAckOfFin);
        }

        [Fact]
        public void SynShouldDrawChallengeAck()
        {
            using var t = InTimeWait();
            t.Send(Seg.Syn with { Seq = RemoteIss + 2 });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 2, Ack = RemoteIss + 2 });
        }

        [Fact]
        public void AbortShouldDeleteWithoutReset()
        {
            using var t = InTimeWait();
            t.Engine.Abort(t.Connection, t.Now);
            t.ExpectNothing();
            Assert.Equal(TcpState.Closed, t.State);
        }

        [Fact]
        public void SendAndCloseShouldFailWithConnectionClosing()
        {
            using var t = InTimeWait();
            t.Engine.Send(t.Connection, Bytes(1), t.Now);
            Assert.Equal(TcpError.ConnectionClosing, t.Engine.LastError);
        }
    }
}
