using System;
using TcpGen.Runtime.Engine;
using TcpGen.Runtime.Timers;
using Xunit;
using static TcpGen.Runtime.Tests.Engine.EngineHarness;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>Keep-alives (RFC 9293 3.8.4).</summary>
    public class KeepAliveTest
    {
        /// <summary>The probe: no text, SEQ = SND.UNA - 1, ACK = RCV.NXT.</summary>
        private static Seg Probe(EngineHarness t) => Seg.AckOnly with { Seq = t.Iss, Ack = RemoteIss + 1 };

        [Fact]
        [Trait("Requirement", "MUST-25")]
        public void KeepAlivesShouldBeOffByDefault()
        {
            Assert.False(new TcpEngineOptions().KeepAlive);
            using var t = Established(o => o.KeepAlive = new TcpEngineOptions().KeepAlive);
            Assert.Null(t.Engine.NextDeadline);
            t.Advance(TimeSpan.FromHours(3));
            t.ExpectNothing();
            Assert.Equal(TcpState.Established, t.State);
        }

        [Fact]
        [Trait("Requirement", "MUST-24")]
        [Trait("Requirement", "MUST-28")]
        [Trait("Requirement", "SHLD-12")]
        public void ApplicationShouldTurnKeepAlivesOnPerConnectionWithTwoHoursIdleByDefault()
        {
            Assert.True(new TcpEngineOptions().KeepAliveIdle >= TimeSpan.FromHours(2));
            using var t = Established();
            t.Engine.SetKeepAlive(t.Connection, true);
            Instant start = t.Now;

            t.AdvanceToDeadline();

            Assert.True(t.Now.MicrosecondsSince(start) >= 7_200_000_000L);
            t.Expect(Probe(t));
            Assert.Equal(1, t.Engine.Counters.KeepAliveProbes);
        }

        [Fact]
        [Trait("Requirement", "MUST-27")]
        public void IdleTimeShouldBeConfigurable()
        {
            using var t = Established(o => { o.KeepAlive = true; o.KeepAliveIdle = TimeSpan.FromMinutes(10); });
            t.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromMilliseconds(1));
            t.ExpectNothing();
            t.Advance(TimeSpan.FromMilliseconds(1));
            t.Expect(Probe(t));
        }

        [Fact]
        [Trait("Requirement", "MUST-26")]
        public void SegmentsFromThePeerShouldPostponeTheProbe()
        {
            using var t = Established(o => { o.KeepAlive = true; o.KeepAliveIdle = TimeSpan.FromMinutes(10); });
            t.Advance(TimeSpan.FromMinutes(8));
            t.Send(Seg.Data with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(5) });
            t.Advance(TimeSpan.FromSeconds(1));
            t.DrainAll(); // the delayed ACK

            t.Advance(TimeSpan.FromMinutes(9));
            t.ExpectNothing(); // idle for 9 minutes only
            t.Advance(TimeSpan.FromMinutes(1));
            t.Expect(Seg.AckOnly with { Seq = t.Iss, Ack = RemoteIss + 6 });
        }

        [Fact]
        [Trait("Requirement", "MUST-29")]
        public void AnsweredProbeShouldKeepTheConnectionAndOneLostAnswerShouldNotEndIt()
        {
            using var t = Established(o => { o.KeepAlive = true; o.KeepAliveIdle = TimeSpan.FromMinutes(10); o.KeepAliveInterval = TimeSpan.FromSeconds(75); o.KeepAliveProbes = 3; });
            t.AdvanceToDeadline();
            t.Expect(Probe(t));
            t.Advance(TimeSpan.FromSeconds(75)); // the answer was lost: probe again
            t.Expect(Probe(t));
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 1 });

            t.Advance(TimeSpan.FromMinutes(9));
            t.ExpectNothing();
            Assert.Equal(TcpState.Established, t.State);
            t.Advance(TimeSpan.FromMinutes(1));
            t.Expect(Probe(t));
        }

        [Fact]
        [Trait("Requirement", "MUST-29")]
        public void UnansweredProbesShouldEndTheConnectionAsTimedOut()
        {
            using var t = Established(o => { o.KeepAlive = true; o.KeepAliveIdle = TimeSpan.FromMinutes(10); o.KeepAliveInterval = TimeSpan.FromSeconds(75); o.KeepAliveProbes = 3; });
            Instant start = t.Now;
            for (int i = 0; i < 3; i++)
            {
                t.AdvanceToDeadline();
                t.Expect(Probe(t));
                Assert.Equal(TcpState.Established, t.State);
            }

            t.AdvanceToDeadline();

            Assert.Equal(TcpState.Closed, t.State);
            Assert.Equal(EndReason.TimedOut, t.Status.EndReason);
            t.AssertTook(TcpState.Established, TcpEvent.KeepaliveTimeout);
            Assert.Equal(600_000_000L + 3 * 75_000_000L, t.Now.MicrosecondsSince(start));
        }

        [Fact]
        public void ProbeFromThePeerShouldBeAnsweredWithAnAck()
        {
            using var t = Established();
            t.Send(Seg.AckOnly with { Seq = RemoteIss, Ack = t.Iss + 1 });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 1 });
            Assert.Equal(TcpState.Established, t.State);
        }

        [Fact]
        public void TwoEnginesShouldKeepAnIdleConnectionAlive()
        {
            var options = new TcpEngineOptions { KeepAlive = true, KeepAliveIdle = TimeSpan.FromMinutes(1), KeepAliveProbes = 2 };
            using var pair = new EnginePair(options, new TcpEngineOptions());
            (ConnectionHandle client, ConnectionHandle server) = pair.Open();
            for (int i = 0; i < 10; i++)
            {
                pair.AdvanceToNextDeadline(TimeSpan.FromMinutes(5));
                pair.Shuttle();
            }

            Assert.Equal(TcpState.Established, pair.Client.GetStatus(client).State);
            Assert.Equal(10, pair.Client.Counters.KeepAliveProbes);
        }
    }
}
