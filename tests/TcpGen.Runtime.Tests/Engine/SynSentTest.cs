using System;
using System.Linq;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using TcpGen.Runtime.Timers;
using Xunit;
using static TcpGen.Runtime.Tests.Engine.EngineHarness;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>SYN-SENT (RFC 9293 3.10.7.3).</summary>
    public class SynSentTest
    {
        [Fact]
        [Trait("Requirement", "MUST-12")]
        public void AcceptableSynAckShouldEstablishAndAcknowledge()
        {
            using var t = new EngineHarness();
            t.Connect();
            t.Send(Seg.SynAck with { Seq = RemoteIss, Ack = t.Iss + 1, Mss = 1000 });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 1, Window = 6000 });
            Assert.Equal(TcpState.Established, t.State);
            Assert.True(t.Notified(NotificationKind.Connected));
        }

        [Fact]
        public void SynAckCarryingTextShouldDeliverIt()
        {
            using var t = new EngineHarness();
            t.Connect();
            t.Send(Seg.SynAck with { Seq = RemoteIss, Ack = t.Iss + 1, Payload = Bytes(10) });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 11 });
            Assert.Equal(Bytes(10), t.ReadAll());
        }

        [Fact]
        public void SynAckWithUnacceptableAckShouldDrawResetAndStay()
        {
            using var t = new EngineHarness();
            t.Connect();
            t.Send(Seg.SynAck with { Seq = RemoteIss, Ack = t.Iss + 5 });
            t.Expect(Seg.Rst with { Seq = t.Iss + 5 });
            t.Send(Seg.AckOnly with { Seq = RemoteIss, Ack = t.Iss });
            t.Expect(Seg.Rst with { Seq = t.Iss });
            Assert.Equal(TcpState.SynSent, t.State);
            t.AssertTook(TcpState.SynSent, TcpEvent.RcvBadAck);
        }

        [Fact]
        [Trait("Requirement", "MUST-12")]
        public void ResetWithAcceptableAckShouldRefuseTheConnection()
        {
            using var t = new EngineHarness();
            t.Connect();
            t.Send(Seg.RstAck with { Seq = 0, Ack = t.Iss + 1 });
            t.ExpectNothing();
            Assert.Equal(TcpState.Closed, t.State);
            Assert.Equal(EndReason.Refused, t.Status.EndReason);
            Assert.True(t.Notified(NotificationKind.Closed));
        }

        [Fact]
        public void ResetWithoutAcceptableAckShouldBeDropped()
        {
            using var t = new EngineHarness();
            t.Connect();
            t.Send(Seg.Rst with { Seq = RemoteIss });
            t.Send(Seg.RstAck with { Seq = RemoteIss, Ack = t.Iss + 9 });
            t.ExpectNothing();
            Assert.Equal(TcpState.SynSent, t.State);
            t.AssertTook(TcpState.SynSent, TcpEvent.RcvRstStray);
        }

        [Fact]
        [Trait("Requirement", "MUST-10")]
        [Trait("Requirement", "MUST-11")]
        public void BareSynShouldStartSimultaneousOpen()
        {
            using var t = new EngineHarness();
            t.Connect();
            t.Send(Seg.Syn with { Seq = RemoteIss, Mss = 1000 });
            t.Expect(Seg.SynAck with { Seq = t.Iss, Ack = RemoteIss + 1 });
            Assert.Equal(TcpState.SynReceivedActive, t.State);
            Assert.Equal("SYN-RECEIVED", t.Status.RfcStateName);

            // The peer's SYN,ACK (same ISS as its SYN) completes the simultaneous open.
            t.Send(Seg.SynAck with { Seq = RemoteIss, Ack = t.Iss + 1 });
            Assert.Equal(TcpState.Established, t.State);
            t.AssertTook(TcpState.SynReceivedActive, TcpEvent.RcvSynAck);
        }

        [Fact]
        public void SegmentsWithoutSynOrResetShouldBeDropped()
        {
            using var t = new EngineHarness();
            t.Connect();
            t.Send(Seg.AckOnly with { Seq = RemoteIss, Ack = t.Iss + 1 });
            t.Send(new Seg(TcpFlags.Psh, Seq: RemoteIss, Payload: Bytes(3)));
            t.Send(new Seg(TcpFlags.Fin, Seq: RemoteIss));
            t.ExpectNothing();
            Assert.Equal(TcpState.SynSent, t.State);
            t.AssertTook(TcpState.SynSent, TcpEvent.RcvAck);
            t.AssertTook(TcpState.SynSent, TcpEvent.RcvText);
            t.AssertTook(TcpState.SynSent, TcpEvent.RcvFin);
        }

        [Fact]
        [Trait("Requirement", "MUST-18")]
        [Trait("Requirement", "MUST-22")]
        public void UnansweredSynShouldBeRetransmittedWithExponentialBackoff()
        {
            using var t = new EngineHarness();
            Seg syn = t.Connect();
            Instant start = t.Now;
            t.AdvanceToDeadline();
            t.Expect(syn with { Window = null, Timestamps = null });
            Assert.Equal(1_000_000, t.Now.MicrosecondsSince(start));
            t.AdvanceToDeadline();
            t.Expect(syn with { Window = null, Timestamps = null });
            Assert.Equal(3_000_000, t.Now.MicrosecondsSince(start));
            t.AdvanceToDeadline();
            t.Expect(syn with { Window = null, Timestamps = null });
            Assert.Equal(7_000_000, t.Now.MicrosecondsSince(start));
            Assert.Equal(3, t.Engine.Counters.Retransmissions);
        }

        [Fact]
        [Trait("Requirement", "MUST-20")]
        [Trait("Requirement", "MUST-23")]
        public void UnansweredSynShouldGiveUpOnlyAfterThreeMinutes()
        {
            using var t = new EngineHarness();
            t.Connect();
            Instant start = t.Now;
            while (t.State == TcpState.SynSent)
            {
                t.AdvanceToDeadline();
                t.DrainAll();
            }

            Assert.True(t.Now.MicrosecondsSince(start) >= 180_000_000, $"gave up after {t.Now.MicrosecondsSince(start)} us");
            Assert.Equal(EndReason.TimedOut, t.Status.EndReason);
            t.AssertTook(TcpState.SynSent, TcpEvent.UserTimeout);
        }

        [Fact]
        public void DataSentBeforeEstablishedShouldFollowTheHandshake()
        {
            using var t = new EngineHarness();
            t.Connect();
            Assert.Equal(5, t.Engine.Send(t.Connection, Bytes(5), t.Now));
            t.ExpectNothing();
            t.Send(Seg.SynAck with { Seq = RemoteIss, Ack = t.Iss + 1, Mss = 1000 });
            t.Expect(Seg.Data with { Seq = t.Iss + 1, Ack = RemoteIss + 1, Payload = Bytes(5) });
        }

        [Fact]
        public void CloseOrAbortShouldDeleteWithoutReset()
        {
            using var t = new EngineHarness();
            t.Connect();
            t.Engine.Close(t.Connection, t.Now);
            Assert.Equal(TcpState.Closed, t.State);
            t.ExpectNothing();

            using var u = new EngineHarness();
            u.Connect();
            u.Engine.Abort(u.Connection, u.Now);
            Assert.Equal(TcpState.Closed, u.State);
            Assert.Equal(EndReason.Aborted, u.Status.EndReason);
            u.ExpectNothing();
        }

        [Fact]
        public void OpenOnTheSameSocketsShouldFailWithConnectionAlreadyExists()
        {
            using var t = new EngineHarness();
            t.Connect();
            Assert.False(t.Engine.Connect(Local, Remote, t.Now).IsValid);
            Assert.Equal(TcpError.ConnectionAlreadyExists, t.Engine.LastError);
            t.AssertTook(TcpState.SynSent, TcpEvent.OpenActive);
        }

        [Fact]
        [Trait("Requirement", "MUST-15")]
        [Trait("Requirement", "MUST-16")]
        public void MissingMssOptionShouldLimitSegmentsTo536OverIpv4()
        {
            using var t = new EngineHarness();
            t.Connect();
            t.Send(Seg.SynAck with { Seq = RemoteIss, Ack = t.Iss + 1, Window = 8000 });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 1 });
            t.Engine.Send(t.Connection, Bytes(1000), t.Now);
            Seg first = t.Next();
            Assert.Equal(536, first.Length);
        }

        [Fact]
        [Trait("Requirement", "MUST-14")]
        [Trait("Requirement", "MUST-16")]
        public void PeerMssShouldBoundEverySegment()
        {
            using var t = new EngineHarness();
            t.Connect();
            t.Send(Seg.SynAck with { Seq = RemoteIss, Ack = t.Iss + 1, Mss = 300, Window = 8000 });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 1 });
            t.Engine.Send(t.Connection, Bytes(1000), t.Now);
            var segments = t.DrainAll();
            Assert.Equal(new[] { 300, 300, 300, 100 }, segments.Select(s => s.Length).ToArray());
        }

        [Fact]
        [Trait("Requirement", "MUST-15")]
        public void MissingMssOptionShouldLimitSegmentsTo1220OverIpv6()
        {
            var options = new TcpEngineOptions { MaxSegmentSize = 1400, NoDelay = true };
            using var engine = new TcpEngine(options, new byte[32], Instant.Zero);
            var local = new Endpoint(IpAddress.Parse("2001:db8::1"), 5000);
            var remote = new Endpoint(IpAddress.Parse("2001:db8::2"), 80);
            ConnectionHandle handle = engine.Connect(local, remote, Instant.Zero);
            byte[] buffer = new byte[engine.MaxPacketSize];
            Assert.True(engine.TryDequeueOutgoing(buffer, out int length));
            Seg syn = Parse(buffer.AsSpan(0, length));
            engine.Receive(Packet(Seg.SynAck with { Seq = RemoteIss, Ack = syn.Seq + 1, Window = 60000 }, remote.Address, local.Address, remote.Port, local.Port), Instant.Zero);
            Assert.True(engine.TryDequeueOutgoing(buffer, out _)); // ACK
            engine.Send(handle, new byte[3000], Instant.Zero);
            Assert.True(engine.TryDequeueOutgoing(buffer, out length));
            Assert.Equal(1220, Parse(buffer.AsSpan(0, length)).Length);
        }

        [Fact]
        public void SegmentWithoutControlBitsShouldBeDropped()
        {
            // RFC 9293 3.10.7.3 fifth check: "If neither of the SYN or RST bits is set, then drop the segment and return."
            using var t = new EngineHarness();
            t.Connect();
            t.Send(new Seg(0, Seq: RemoteIss));
            t.ExpectNothing();
            Assert.Equal(TcpState.SynSent, t.State);
            t.AssertTook(TcpState.SynSent, TcpEvent.RcvUnacceptable);
        }
    }
}
