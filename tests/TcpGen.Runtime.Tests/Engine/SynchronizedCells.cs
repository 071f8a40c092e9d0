using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using Xunit;
using static TcpGen.Runtime.Tests.Engine.EngineHarness;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>
    /// Scripts for the cells the synchronized states share (tcp-states.dsl, "Synchronized states"): each drives its
    /// events into the connection under test and asserts the rule's outcome (next state, exactly the segments sent,
    /// end reason). The per-state classes call them with the state's own numbers: ourSeq is the SEG.SEQ of our control
    /// segments (SND.NXT) and rcvNxt the RCV.NXT our ACKs carry.
    /// </summary>
    internal static class SynchronizedCells
    {
        /// <summary>OPEN-ACTIVE on the 4-tuple of an existing connection fails with "connection already exists" (RFC 9293 3.10.1).</summary>
        public static void OpenActiveShouldFailWithConnectionExists(EngineHarness t)
        {
            TcpState state = t.State;
            ConnectionHandle second = t.Engine.Connect(Local, Remote, t.Now);
            Assert.False(second.IsValid);
            Assert.Equal(TcpError.ConnectionAlreadyExists, t.Engine.LastError);
            Assert.Equal(state, t.State);
            t.ExpectNothing();
            t.AssertTook(state, TcpEvent.OpenActive);
        }

        /// <summary>SEND and CLOSE after CLOSE fail with "connection closing" (RFC 9293 3.10.2, 3.10.4).</summary>
        public static void SendAndCloseShouldFailWithConnectionClosing(EngineHarness t)
        {
            TcpState state = t.State;
            Assert.Equal(0, t.Engine.Send(t.Connection, Bytes(5), t.Now));
            Assert.Equal(TcpError.ConnectionClosing, t.Engine.LastError);
            t.Engine.Close(t.Connection, t.Now);
            Assert.Equal(TcpError.ConnectionClosing, t.Engine.LastError);
            Assert.Equal(state, t.State);
            t.ExpectNothing();
            t.AssertTook(state, TcpEvent.Send);
            t.AssertTook(state, TcpEvent.Close);
        }

        /// <summary>A SYN and a SYN,ACK in the window each draw a challenge ACK and change nothing (RFC 5961 4.2, RFC 9293 3.10.7.4 fourth check).</summary>
        public static void SynAndSynAckShouldDrawChallengeAcks(EngineHarness t, uint ourSeq, uint rcvNxt, uint? synSeq = null)
        {
            TcpState state = t.State;
            t.Send(Seg.Syn with { Seq = synSeq ?? rcvNxt + 3 });
            t.Expect(Seg.AckOnly with { Seq = ourSeq, Ack = rcvNxt });
            t.Send(Seg.SynAck with { Seq = rcvNxt + 3, Ack = ourSeq });
            t.Expect(Seg.AckOnly with { Seq = ourSeq, Ack = rcvNxt });
            t.ExpectNothing();
            Assert.Equal(state, t.State);
            t.AssertTook(state, TcpEvent.RcvSyn);
            t.AssertTook(state, TcpEvent.RcvSynAck);
        }

        /// <summary>An ACK of data never sent (above SND.NXT) draws a challenge ACK and is dropped (RFC 5961 5.2, RFC 9293 3.10.7.4 fifth check).</summary>
        public static void AckOfUnsentDataShouldDrawChallengeAck(EngineHarness t, uint ourSeq, uint rcvNxt)
        {
            TcpState state = t.State;
            t.Send(Seg.AckOnly with { Seq = rcvNxt, Ack = ourSeq + 5000 });
            t.Expect(Seg.AckOnly with { Seq = ourSeq, Ack = rcvNxt });
            t.ExpectNothing();
            Assert.Equal(state, t.State);
            t.AssertTook(state, TcpEvent.RcvBadAck);
        }

        /// <summary>
        /// A RST inside the window but not at RCV.NXT draws a challenge ACK (RFC 5961 3.2); a RST outside the window is
        /// dropped silently (RFC 9293 3.10.7.4 first check). Neither ends the connection.
        /// </summary>
        public static void InexactResetsShouldBeChallengedOrDropped(EngineHarness t, uint ourSeq, uint rcvNxt)
        {
            TcpState state = t.State;
            EndReason reason = t.Status.EndReason;
            t.Send(Seg.Rst with { Seq = rcvNxt + 10 });
            t.Expect(Seg.AckOnly with { Seq = ourSeq, Ack = rcvNxt });
            t.Send(Seg.Rst with { Seq = rcvNxt + 100_000 });
            t.ExpectNothing();
            Assert.Equal(state, t.State);
            Assert.Equal(reason, t.Status.EndReason);
            t.AssertTook(state, TcpEvent.RcvRstInWindow);
            t.AssertTook(state, TcpEvent.RcvRstStray);
        }

        /// <summary>A segment outside the receive window draws an ACK and is dropped (RFC 9293 3.10.7.4 first check).</summary>
        public static void SegmentOutsideTheWindowShouldDrawAck(EngineHarness t, uint ourSeq, uint rcvNxt)
        {
            TcpState state = t.State;
            t.Send(Seg.Data with { Seq = rcvNxt + 100_000, Ack = ourSeq, Payload = Bytes(10) });
            t.Expect(Seg.AckOnly with { Seq = ourSeq, Ack = rcvNxt });
            t.ExpectNothing();
            Assert.Equal(state, t.State);
            t.AssertTook(state, TcpEvent.RcvUnacceptable);
        }

        /// <summary>
        /// Text after the peer's FIN is ignored: nothing delivered, nothing sent for it (RFC 9293 3.10.7.4 seventh check).
        /// <paramref name="ack"/> is an acceptable ACK that does not finish the close, so the text check is reached.
        /// </summary>
        public static void TextAfterThePeersFinShouldBeIgnored(EngineHarness t, uint ack, uint rcvNxt)
        {
            TcpState state = t.State;
            int readable = t.Status.ReadableBytes;
            t.Send(Seg.Data with { Seq = rcvNxt, Ack = ack, Payload = Bytes(10) });
            t.ExpectNothing();
            Assert.Equal(state, t.State);
            Assert.Equal(readable, t.Status.ReadableBytes);
            t.AssertTook(state, TcpEvent.RcvText);
        }

        /// <summary>Options for keep-alives: on, 10 minutes idle, 3 probes 75 s apart (RFC 9293 3.8.4, MUST-24..29).</summary>
        public static void KeepAlives(TcpEngineOptions options)
        {
            options.KeepAlive = true;
            options.KeepAliveIdle = System.TimeSpan.FromMinutes(10);
            options.KeepAliveInterval = System.TimeSpan.FromSeconds(75);
            options.KeepAliveProbes = 3;
        }

        /// <summary>
        /// With nothing of ours outstanding, three keep-alive probes &lt;SEQ=SND.UNA-1&gt;&lt;ACK=RCV.NXT&gt; go unanswered and
        /// KEEPALIVE-TIMEOUT ends the connection as timed out (RFC 9293 3.8.4, MUST-29).
        /// </summary>
        public static void UnansweredKeepAlivesShouldEndAsTimedOut(EngineHarness t, uint sndUna, uint rcvNxt)
        {
            TcpState state = t.State;
            t.DrainNotifications();
            for (int i = 0; i < 3; i++)
            {
                t.AdvanceToDeadline();
                t.Expect(Seg.AckOnly with { Seq = sndUna - 1, Ack = rcvNxt });
                t.ExpectNothing();
                Assert.Equal(state, t.State);
            }

            t.AdvanceToDeadline();
            t.ExpectNothing(); // the peer is gone: no reset
            Assert.Equal(TcpState.Closed, t.State);
            Assert.Equal(EndReason.TimedOut, t.Status.EndReason);
            Assert.True(t.Notified(NotificationKind.Closed));
            t.AssertTook(state, TcpEvent.KeepaliveTimeout);
        }

        /// <summary>
        /// Retransmissions that go unanswered past R2 (the user timeout) end the connection as timed out, without a reset
        /// (RFC 9293 3.8.3 and 3.10.8, MUST-20..23); every segment sent on the way is a retransmission of the same octets.
        /// </summary>
        public static void UnansweredRetransmissionsShouldEndAsTimedOut(EngineHarness t, Seg retransmitted)
        {
            TcpState state = t.State;
            t.DrainNotifications();
            while (t.State == state)
            {
                t.AdvanceToDeadline();
                foreach (Seg sent in t.DrainAll())
                {
                    Assert.Equal(retransmitted.Flags, sent.Flags);
                    Assert.Equal(retransmitted.Seq, sent.Seq);
                    Assert.Equal(retransmitted.Ack, sent.Ack);
                    Assert.Equal(retransmitted.Length, sent.Length);
                }
            }

            Assert.Equal(TcpState.Closed, t.State);
            Assert.Equal(EndReason.TimedOut, t.Status.EndReason);
            Assert.True(t.Notified(NotificationKind.Closed));
            t.AssertTook(state, TcpEvent.RetransmitTimeout);
            t.AssertTook(state, TcpEvent.UserTimeout);
        }
    }
}
