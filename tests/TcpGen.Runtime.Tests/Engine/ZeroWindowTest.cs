using System;
using System.Collections.Generic;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using TcpGen.Runtime.Timers;
using Xunit;
using static TcpGen.Runtime.Tests.Engine.EngineHarness;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>Zero windows both ways (RFC 9293 3.8.6.1 and 3.4): probing the peer's, and controls taken by ours.</summary>
    public class ZeroWindowTest
    {
        /// <summary>ESTABLISHED with the peer's window closed before any data was sent.</summary>
        private static EngineHarness WithClosedPeerWindow(Action<TcpEngineOptions>? configure = null)
        {
            EngineHarness t = Established(configure);
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Window = 0 });
            return t;
        }

        [Fact]
        [Trait("Requirement", "MUST-36")]
        [Trait("Requirement", "SHLD-29")]
        public void ClosedWindowShouldBeProbedWithOneOctetAfterTheTimeout()
        {
            using EngineHarness t = WithClosedPeerWindow();
            t.Engine.Send(t.Connection, Bytes(100), t.Now);
            t.ExpectNothing();
            Assert.NotNull(t.Engine.NextDeadline);

            t.AdvanceToDeadline();

            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 1, Payload = Bytes(1) });
            t.ExpectNothing();
            Assert.Equal(1, t.Engine.Counters.WindowProbes);
        }

        [Fact]
        [Trait("Requirement", "MUST-35")]
        [Trait("Requirement", "MUST-36")]
        [Trait("Requirement", "SHLD-30")]
        public void ProbesShouldBackOffExponentially()
        {
            using EngineHarness t = WithClosedPeerWindow(o => o.MaximumRetransmissionTimeout = TimeSpan.FromSeconds(60));
            t.Engine.Send(t.Connection, Bytes(100), t.Now);
            t.ExpectNothing();
            var sentAt = new List<Instant>();
            for (int i = 0; i < 6; i++)
            {
                t.AdvanceToDeadline();
                t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 1, Payload = Bytes(1) });
                sentAt.Add(t.Now);
                t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Window = 0 }); // answered, still closed
            }

            for (int i = 2; i < sentAt.Count; i++)
            {
                long previous = sentAt[i - 1].MicrosecondsSince(sentAt[i - 2]);
                long current = sentAt[i].MicrosecondsSince(sentAt[i - 1]);
                Assert.Equal(2 * previous, current);
            }
        }

        [Fact]
        [Trait("Requirement", "MUST-37")]
        public void AnsweredProbesShouldKeepTheConnectionOpenPastTheUserTimeout()
        {
            using EngineHarness t = WithClosedPeerWindow();
            t.Engine.SetUserTimeout(t.Connection, TimeSpan.FromSeconds(20));
            t.Engine.Send(t.Connection, Bytes(100), t.Now);
            t.ExpectNothing();
            Instant start = t.Now;
            while (t.Now.MicrosecondsSince(start) < 600_000_000)
            {
                t.AdvanceToDeadline();
                t.DrainAll();
                t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Window = 0 });
            }

            Assert.Equal(TcpState.Established, t.State);
            Assert.False(t.Took(TcpState.Established, TcpEvent.UserTimeout));

            // The window opens: the probe octet the closed window dropped goes again with the rest.
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Window = 8000 });
            t.Expect(Seg.Data with { Seq = t.Iss + 1, Ack = RemoteIss + 1, Payload = Bytes(100) });
        }

        [Fact]
        [Trait("Requirement", "MUST-35")]
        public void UnansweredProbesShouldEndTheConnectionAtTheUserTimeout()
        {
            using EngineHarness t = WithClosedPeerWindow();
            t.Engine.SetUserTimeout(t.Connection, TimeSpan.FromSeconds(20));
            t.Engine.Send(t.Connection, Bytes(100), t.Now);
            t.ExpectNothing();
            Instant start = t.Now;
            while (t.State == TcpState.Established)
            {
                t.AdvanceToDeadline();
                t.DrainAll();
            }

            Assert.Equal(EndReason.TimedOut, t.Status.EndReason);
            t.AssertTook(TcpState.Established, TcpEvent.UserTimeout);
            Assert.InRange(t.Now.MicrosecondsSince(start), 20_000_000, 80_000_000);
        }

        [Fact]
        [Trait("Requirement", "MUST-66")]
        public void AckShouldBeTakenWhileOurWindowIsZero()
        {
            using var t = Established();
            t.Engine.Send(t.Connection, Bytes(10), t.Now);
            t.Next();
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(1000) });
            for (int i = 1; i < 6; i++)
            {
                t.Send(Seg.AckOnly with { Seq = RemoteIss + 1 + (uint)(1000 * i), Ack = t.Iss + 1, Payload = Bytes(1000) });
            }

            t.DrainAll();
            Assert.Equal(6000, t.Status.ReadableBytes); // our window is now zero

            // Text at RCV.NXT does not fit, but its ACK is processed; the answer says the window is still zero.
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 6001, Ack = t.Iss + 11, Payload = Bytes(10) });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 11, Ack = RemoteIss + 6001, Window = 0 });
            Assert.Equal(8000, t.Status.SendBufferFree);
            Assert.Equal(6000, t.Status.ReadableBytes);
        }

        [Fact]
        [Trait("Requirement", "MUST-66")]
        public void ResetShouldBeTakenWhileOurWindowIsZero()
        {
            using var t = Established();
            for (int i = 0; i < 6; i++)
            {
                t.Send(Seg.AckOnly with { Seq = RemoteIss + 1 + (uint)(1000 * i), Ack = t.Iss + 1, Payload = Bytes(1000) });
            }

            t.DrainAll();
            t.Send(Seg.Rst with { Seq = RemoteIss + 6001 });

            Assert.Equal(TcpState.Closed, t.State);
            Assert.Equal(EndReason.Reset, t.Status.EndReason);
        }
    }
}
