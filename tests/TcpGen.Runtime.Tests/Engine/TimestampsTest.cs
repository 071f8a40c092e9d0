using System;
using System.Linq;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using Xunit;
using static TcpGen.Runtime.Tests.Engine.EngineHarness;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>
    /// The Timestamps option (RFC 7323): offered and answered on the SYNs (3.2), then on every segment; TS.Recent and
    /// Last.ACK.sent (4.3); PAWS (5.3); RTT samples from TSecr after a retransmission (4.1); a TIME-WAIT reopen
    /// judged by TSval (RFC 6191).
    /// </summary>
    public class TimestampsTest
    {
        [Fact]
        public void ActiveOpenShouldOfferTimestampsWithAZeroEchoAndSackPermitted()
        {
            using var t = new EngineHarness();
            Seg syn = t.Connect();

            Assert.True(syn.Timestamps.HasValue, "the SYN should offer timestamps: " + syn);
            Assert.Equal(0u, syn.Timestamps!.Value.EchoReply); // RFC 7323 3.2: TSecr is zero without ACK
            Assert.True(syn.SackPermitted);
        }

        [Fact]
        public void PassiveOpenShouldAnswerAnOfferWithTheEchoOfThePeersTsval()
        {
            using var t = new EngineHarness().Listen();
            t.Send(Seg.Syn with { Seq = RemoteIss, Mss = 1000, Timestamps = new TcpTimestamps(4242, 0), SackPermitted = true });

            Seg synAck = t.Next();
            Assert.Equal(4242u, synAck.Timestamps?.EchoReply);
            Assert.True(synAck.SackPermitted);
        }

        [Fact]
        public void PassiveOpenWithoutAnOfferShouldAnswerWithNeitherOption()
        {
            using var t = new EngineHarness().Listen();
            t.Send(Seg.Syn with { Seq = RemoteIss, Mss = 1000 });

            Seg synAck = t.Next();
            Assert.Null(synAck.Timestamps); // RFC 7323 3.2: a SYN,ACK carries TSopt only if the SYN did
            Assert.False(synAck.SackPermitted); // RFC 2018 2: likewise
        }

        [Fact]
        public void OptionsTurnedOffShouldNeitherOfferNorAcceptThem()
        {
            static void Off(TcpEngineOptions o)
            {
                o.Timestamps = false;
                o.SelectiveAcknowledgments = false;
            }

            using var active = new EngineHarness(Off);
            Seg syn = active.Connect();
            Assert.Null(syn.Timestamps);
            Assert.False(syn.SackPermitted);

            using var passive = new EngineHarness(Off).Listen();
            passive.Send(Seg.Syn with { Seq = RemoteIss, Mss = 1000, Timestamps = new TcpTimestamps(1, 0), SackPermitted = true });
            Seg synAck = passive.Next();
            Assert.Null(synAck.Timestamps);
            Assert.False(synAck.SackPermitted);
        }

        [Fact]
        public void ActiveOpenShouldDropTimestampsWhenTheSynAckCarriesNone()
        {
            using var t = EstablishedActive();
            t.Send(Seg.Data with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(10) });
            t.Advance(TimeSpan.FromMilliseconds(40));

            Seg ack = t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 11 });
            Assert.Null(ack.Timestamps); // the peer did not agree: no later segment carries TSopt
            Assert.False(t.Tcb.TimestampsEnabled);
        }

        [Fact]
        public void AgreedTimestampsShouldBeOnEverySegmentWithOurClockAndThePeersEcho()
        {
            using var t = EstablishedWithTimestamps(o => o.DelayedAckTimeout = TimeSpan.Zero);
            t.Send(Seg.Data with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(10), Timestamps = new TcpTimestamps(60_000, 0) });
            Seg first = t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 11, Timestamps = null });
            Assert.Equal(60_000u, first.Timestamps?.EchoReply);

            t.Advance(TimeSpan.FromMilliseconds(25));
            t.Engine.Send(t.Connection, Bytes(5), t.Now);
            Seg data = t.Expect(Seg.Data with { Seq = t.Iss + 1, Ack = RemoteIss + 11, Payload = Bytes(5) });
            Assert.Equal(60_000u, data.Timestamps?.EchoReply);
            Assert.Equal(first.Timestamps!.Value.Value + 25, data.Timestamps!.Value.Value); // a 1 ms clock (RFC 7323 5.4)
        }

        [Fact]
        public void SegmentWithoutTimestampsShouldBeDroppedSilentlyOnceAgreed()
        {
            using var t = EstablishedWithTimestamps(o => o.DelayedAckTimeout = TimeSpan.Zero);
            t.Send(Seg.Data with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(10) });

            t.ExpectNothing(); // RFC 7323 3.2: "SHOULD silently drop", and MUST NOT abort
            Assert.Equal(1, t.Engine.Counters.SegmentsWithoutTimestamp);
            Assert.Empty(t.ReadAll());
            Assert.Equal(TcpState.Established, t.State);

            t.Send(t.Stamped(Seg.Data with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(10) }));
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 11 });
        }

        [Fact]
        public void OlderTsvalShouldBeRejectedByPawsWithAnAck()
        {
            using var t = EstablishedWithTimestamps(o => o.DelayedAckTimeout = TimeSpan.Zero);
            t.Send(Seg.Data with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(10), Timestamps = new TcpTimestamps(70_000, 0) });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 11 });

            // RFC 7323 5.3 R1: in sequence, but its TSval is older than TS.Recent: an old duplicate. ACK, and drop it.
            t.Send(Seg.Data with { Seq = RemoteIss + 11, Ack = t.Iss + 1, Payload = Bytes(10), Timestamps = new TcpTimestamps(69_999, 0) });
            Seg ack = t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 11 });
            Assert.Equal(70_000u, ack.Timestamps?.EchoReply);
            Assert.Equal(1, t.Engine.Counters.TimestampRejections);
            Assert.Equal(10, t.ReadAll().Length);
            t.AssertTook(TcpState.Established, TcpEvent.RcvUnacceptable);
        }

        [Fact]
        public void TsvalAcrossTheClockWrapShouldStillBeNewer()
        {
            using var t = EstablishedWithTimestamps(o => o.DelayedAckTimeout = TimeSpan.Zero);
            // RFC 7323 5.2: TSvals compare in 32-bit modular arithmetic, like sequence numbers: each step below is
            // less than 2^31 ahead of the one before, the last one across the wrap.
            uint[] clock = [0x7FFF_0000u, 0xF000_0000u, 3u];
            for (int i = 0; i < clock.Length; i++)
            {
                t.Send(Seg.Data with { Seq = RemoteIss + 1 + (uint)(10 * i), Ack = t.Iss + 1, Payload = Bytes(10), Timestamps = new TcpTimestamps(clock[i], 0) });
                t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 11 + (uint)(10 * i) });
            }

            t.Send(Seg.Data with { Seq = RemoteIss + 31, Ack = t.Iss + 1, Payload = Bytes(10), Timestamps = new TcpTimestamps(uint.MaxValue, 0) });
            Seg ack = t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 31 }); // just before 3: rejected
            Assert.Equal(3u, ack.Timestamps?.EchoReply);
            Assert.Equal(1, t.Engine.Counters.TimestampRejections);
        }

        [Fact]
        public void ResetWithAnOlderTsvalShouldStillReset()
        {
            using var t = EstablishedWithTimestamps();
            t.Send(Seg.Data with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(10), Timestamps = new TcpTimestamps(80_000, 0) });

            // RFC 7323 5.2: a RST is never subjected to PAWS.
            t.Send(Seg.Rst with { Seq = RemoteIss + 11, Timestamps = new TcpTimestamps(1, 0) });
            Assert.Equal(TcpState.Closed, t.State);
        }

        [Fact]
        public void IdleForMoreThanTwentyFourDaysShouldForgetTsRecent()
        {
            using var t = EstablishedWithTimestamps(o => o.DelayedAckTimeout = TimeSpan.Zero);
            t.Send(Seg.Data with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(10), Timestamps = new TcpTimestamps(90_000, 0) });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 11 });

            t.Advance(TimeSpan.FromDays(25));
            t.DrainAll();
            // RFC 7323 5.5: after 24 days idle TS.Recent is invalid: an older-looking TSval is taken, not rejected.
            t.Send(Seg.Data with { Seq = RemoteIss + 11, Ack = t.Iss + 1, Payload = Bytes(10), Timestamps = new TcpTimestamps(10, 0) });
            Seg ack = t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 21 });
            Assert.Equal(10u, ack.Timestamps?.EchoReply);
        }

        [Fact]
        public void DelayedAckShouldEchoTheEarliestUnacknowledgedSegmentsTsval()
        {
            using var t = EstablishedWithTimestamps();
            int text = t.Tcb.EffectiveSendMss;
            t.Send(Seg.Data with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(text), Timestamps = new TcpTimestamps(100_000, 0) });
            t.ExpectNothing(); // delayed
            t.Send(Seg.Data with { Seq = RemoteIss + 1 + (uint)text, Ack = t.Iss + 1, Payload = Bytes(text), Timestamps = new TcpTimestamps(100_050, 0) });

            // RFC 7323 4.3 (A): the second segment is past Last.ACK.sent, so the ACK of both echoes the first's TSval,
            // and the sender's RTT sample includes the delay it caused.
            Seg ack = t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 1 + (uint)(2 * text) });
            Assert.Equal(100_000u, ack.Timestamps?.EchoReply);
            Assert.Equal(100_000u, t.Tcb.TimestampRecent);
        }

        [Fact]
        public void DuplicateShouldRefreshTsRecentSoTheAckEchoesTheLatestResend()
        {
            using var t = EstablishedWithTimestamps(o => o.DelayedAckTimeout = TimeSpan.Zero);
            t.Send(Seg.Data with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(10), Timestamps = new TcpTimestamps(110_000, 0) });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 11 });

            // The peer lost that ACK and resent: its ACK echoes the resend (RFC 7323 Appendix D updates TS.Recent before
            // the window test), so the peer's RTT sample is one round trip, not the time since its first send.
            t.Send(Seg.Data with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(10), Timestamps = new TcpTimestamps(110_400, 0) });
            Seg ack = t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 11 });
            Assert.Equal(110_400u, ack.Timestamps?.EchoReply);
        }

        [Fact]
        public void DataSegmentsShouldLeaveRoomForTheOption()
        {
            using var t = EstablishedWithTimestamps();
            t.Engine.Send(t.Connection, Bytes(3000), t.Now);

            // MSS 1000 less 12 octets of NOP-aligned TSopt (RFC 6691 2: the MSS option does not count TCP options).
            Seg first = t.Next();
            Assert.Equal(988, first.Length);
            Assert.Equal(988, t.Tcb.EffectiveSendMss);
        }

        [Fact]
        [Trait("Requirement", "MUST-18")]
        public void EchoOfTheRetransmissionShouldGiveAnRttSampleAndEndTheBackoff()
        {
            using var t = EstablishedWithTimestamps();
            long baseRto = t.Tcb.RetransmissionTimeoutMicroseconds;
            t.Engine.Send(t.Connection, Bytes(100), t.Now);
            t.Expect(Seg.Data with { Seq = t.Iss + 1, Ack = RemoteIss + 1, Payload = Bytes(100) });
            t.AdvanceToDeadline();
            Seg resend = t.Expect(Seg.Data with { Seq = t.Iss + 1, Ack = RemoteIss + 1, Payload = Bytes(100) });
            Assert.Equal(2 * baseRto, t.Tcb.RetransmissionTimeoutMicroseconds);

            // Karn's rule (MUST-18) forbids timing the resend; its echoed TSval names it, so the ACK gives a sample
            // (RFC 7323 4.1, RFC 6298 3) and the doubled RTO returns to one computed from it.
            t.Advance(TimeSpan.FromMilliseconds(30));
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 101, Timestamps = new TcpTimestamps(t.PeerTsval, resend.Timestamps!.Value.Value) });
            Assert.True(t.Tcb.RetransmissionTimeoutMicroseconds < 2 * baseRto, $"RTO still backed off: {t.Tcb.RetransmissionTimeoutMicroseconds} us");
        }

        [Fact]
        [Trait("Requirement", "MUST-18")]
        public void EchoOfTheOriginalSendShouldGiveNoSample()
        {
            using var t = EstablishedWithTimestamps();
            long baseRto = t.Tcb.RetransmissionTimeoutMicroseconds;
            t.Engine.Send(t.Connection, Bytes(100), t.Now);
            Seg original = t.Expect(Seg.Data with { Seq = t.Iss + 1, Ack = RemoteIss + 1, Payload = Bytes(100) });
            t.AdvanceToDeadline();
            t.Expect(Seg.Data with { Seq = t.Iss + 1, Ack = RemoteIss + 1, Payload = Bytes(100) });

            // The ACK echoes the first send: it was late, not lost, and its age (a whole RTO) is no round trip. The
            // timeout was spurious and its backoff is undone (SpuriousRetransmissionTest), but no sample is taken:
            // one of 200 ms would have tripled the RTO.
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 101, Timestamps = new TcpTimestamps(t.PeerTsval, original.Timestamps!.Value.Value) });
            Assert.Equal(1, t.Engine.Counters.SpuriousRetransmissions);
            Assert.Equal(baseRto, t.Tcb.RetransmissionTimeoutMicroseconds);
        }

        [Fact]
        [Trait("Requirement", "MAY-2")]
        public void SynInTimeWaitWithANewerTsvalShouldOpenANewIncarnationEvenBelowRcvNxt()
        {
            using var t = TimeWaitWithTimestamps();
            t.Send(Seg.Syn with { Seq = RemoteIss - 1000, Mss = 1000, Timestamps = new TcpTimestamps(t.PeerTsval + 1000, 0) });

            // RFC 6191 2: with timestamps, a greater TSval tells a new incarnation, whatever its sequence number.
            t.AssertTook(TcpState.TimeWait, TcpEvent.RcvSynNewIncarnation);
            Seg synAck = t.Next();
            Assert.Equal(TcpFlags.Syn | TcpFlags.Ack, synAck.Flags);
        }

        [Fact]
        [Trait("Requirement", "MAY-2")]
        public void SynInTimeWaitWithAnOlderTsvalShouldNotReopenEvenAboveRcvNxt()
        {
            using var t = TimeWaitWithTimestamps();
            t.Send(Seg.Syn with { Seq = RemoteIss + 100_000, Mss = 1000, Timestamps = new TcpTimestamps(1, 0) });

            Assert.False(t.Took(TcpState.TimeWait, TcpEvent.RcvSynNewIncarnation));
            Assert.Equal(TcpState.TimeWait, t.State);
        }

        [Fact]
        public void AbortShouldResetWithOurClockAndTheEcho()
        {
            using var t = EstablishedWithTimestamps();
            t.Send(Seg.Data with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(10), Timestamps = new TcpTimestamps(120_000, 0) });
            t.Engine.Abort(t.Connection, t.Now);

            // RFC 7323 5.2: a reset on a user abort SHOULD carry TSopt once timestamps were agreed.
            Seg reset = t.DrainAll().Single(s => (s.Flags & TcpFlags.Rst) != 0);
            Assert.Equal(120_000u, reset.Timestamps?.EchoReply);
            Assert.NotEqual(0u, reset.Timestamps!.Value.Value);
        }

        [Fact]
        public void ResetForASegmentWithTimestampsShouldEchoItsTsvalWithAZeroTsval()
        {
            using var t = new EngineHarness();
            t.Send(Seg.AckOnly with { Seq = 5000, Ack = 7000, Timestamps = new TcpTimestamps(777, 3) });

            // RFC 7323 5.2: TSval zero, TSecr the offending segment's TSval.
            t.Expect(Seg.Rst with { Seq = 7000, Timestamps = new TcpTimestamps(0, 777) });
            t.ExpectNothing();

            t.Send(Seg.AckOnly with { Seq = 5000, Ack = 7000 });
            Assert.Null(t.Next().Timestamps); // none in, none out
        }

        [Fact]
        [Trait("Requirement", "MAY-2")]
        public void SynInTimeWaitWithTheSameTsvalShouldReopenWhenItsSequenceIsAbove()
        {
            using var t = TimeWaitWithTimestamps();
            t.Send(Seg.Syn with { Seq = RemoteIss + 100_000, Mss = 1000, Timestamps = new TcpTimestamps(t.Tcb.TimestampRecent, 0) });

            // A reconnect within the same millisecond: the TSval cannot tell, the sequence number can (as in Linux).
            t.AssertTook(TcpState.TimeWait, TcpEvent.RcvSynNewIncarnation);
        }

        [Fact]
        [Trait("Requirement", "MAY-2")]
        public void SynInTimeWaitWithTheSameTsvalAndAnOldSequenceShouldNotReopen()
        {
            using var t = TimeWaitWithTimestamps();
            t.Send(Seg.Syn with { Seq = RemoteIss - 1000, Mss = 1000, Timestamps = new TcpTimestamps(t.Tcb.TimestampRecent, 0) });

            Assert.False(t.Took(TcpState.TimeWait, TcpEvent.RcvSynNewIncarnation));
        }

        /// <summary>TIME-WAIT after an active close on a connection that agreed on timestamps.</summary>
        private static EngineHarness TimeWaitWithTimestamps()
        {
            var t = EstablishedWithTimestamps();
            t.Engine.Close(t.Connection, t.Now);
            t.Expect(Seg.FinAck with { Seq = t.Iss + 1, Ack = RemoteIss + 1 });
            t.Send(t.Stamped(Seg.FinAck with { Seq = RemoteIss + 1, Ack = t.Iss + 2 }));
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 2, Ack = RemoteIss + 2 });
            Assert.Equal(TcpState.TimeWait, t.State);
            return t;
        }
    }
}
