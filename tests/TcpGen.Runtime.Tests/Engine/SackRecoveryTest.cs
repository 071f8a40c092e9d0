using System;
using System.Collections.Generic;
using System.Linq;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using Xunit;
using static TcpGen.Runtime.Tests.Engine.EngineHarness;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>
    /// SACK as a data sender (RFC 6675): a flight of sixteen segments loses the first and the fifth. With SACK both are
    /// resent within the same round trip; NewReno (no SACK) resends the fifth only after the partial ACK of the first.
    /// </summary>
    public class SackRecoveryTest
    {
        /// <summary>The peer's window in these scripts (no scaling): room for the whole flight.</summary>
        private const ushort PeerWindow = 60_000;

        /// <summary>Segments in the flight under test (cwnd after two slow-start rounds from an initial window of four).</summary>
        private const int Flight = 16;

        [Fact]
        public void SecondHoleShouldBeResentBeforeThePartialAck()
        {
            using var t = EstablishedWithTimestamps(o => o.SendBufferSize = 64 * 1024);
            var script = new LossScript(t, sack: true);

            script.DeliverAllBut(0, 4);

            // RFC 6675 5: the third duplicate ACK resends the first hole; once three segments are SACKed above the
            // fifth it counts as lost (IsLost) and is resent as pipe leaves room, all before any partial ACK.
            Assert.Equal(new[] { script.Start(0), script.Start(4) }, script.Resent);
            Assert.Equal(1, t.Engine.Counters.FastRetransmits);
            Assert.Equal(1, t.Engine.Counters.SackRetransmissions);
        }

        [Fact]
        public void PartialAckShouldNotResendAHoleAlreadyResent()
        {
            using var t = EstablishedWithTimestamps(o => o.SendBufferSize = 64 * 1024);
            var script = new LossScript(t, sack: true);
            script.DeliverAllBut(0, 4);

            script.Acknowledge(script.Start(4), sackFrom: 5); // the resent first segment arrived: a partial ACK
            Assert.Equal(2, script.Resent.Count); // RFC 6582's resend of the new SND.UNA is not repeated

            script.Acknowledge(script.End(Flight - 1), sackFrom: -1); // the resent fifth arrived: recovery ends
            Assert.Equal(2, script.Resent.Count);
            Assert.Equal(0, t.Tcb.Scoreboard.Count);
        }

        [Fact]
        public void WithoutSackTheSecondHoleShouldWaitForThePartialAck()
        {
            using var t = EstablishedWithTimestamps(o => o.SendBufferSize = 64 * 1024, sack: false);
            var script = new LossScript(t, sack: false);

            script.DeliverAllBut(0, 4);
            Assert.Equal(new[] { script.Start(0) }, script.Resent);

            script.Acknowledge(script.Start(4), sackFrom: -1);
            Assert.Equal(new[] { script.Start(0), script.Start(4) }, script.Resent); // RFC 6582 3.2 step 5
        }

        [Fact]
        public void OneStretchAckSackingManySegmentsShouldStartRecovery()
        {
            using var t = EstablishedWithTimestamps(o => o.SendBufferSize = 64 * 1024);
            var script = new LossScript(t, sack: true);

            // Linux acknowledges in stretches (GRO): one ACK, with a grown window, SACKs fifteen segments above a lost
            // first one. RFC 6675 2 counts it as a duplicate ACK despite the window, and IsLost(SND.UNA) holds (step 2):
            // the first segment goes again now, not after an RTO.
            script.Acknowledge(script.Start(0), sackFrom: 1, window: 61_000);

            Assert.Equal(new[] { script.Start(0) }, script.Resent);
            Assert.Equal(1, t.Engine.Counters.FastRetransmits);
            Assert.Equal(0, t.Engine.Counters.RetransmissionTimeouts);
        }

        [Fact]
        public void CumulativeAckThatLeavesTheNextSegmentLostShouldStartRecovery()
        {
            using var t = EstablishedWithTimestamps(o => o.SendBufferSize = 64 * 1024);
            var script = new LossScript(t, sack: true);

            // SND.UNA moves over the first two segments while the third is missing and the rest are SACKed: the ACK
            // counts as a duplicate (it SACKs new data, RFC 6675 2) and the new SND.UNA is lost.
            script.Acknowledge(script.Start(2), sackFrom: 3);

            Assert.Equal(new[] { script.Start(2) }, script.Resent);
            Assert.Equal(1, t.Engine.Counters.FastRetransmits);
        }

        [Fact]
        public void TimeoutShouldForgetTheScoreboardAndGoBackToSndUna()
        {
            using var t = EstablishedWithTimestamps(o => o.SendBufferSize = 64 * 1024);
            var script = new LossScript(t, sack: true);
            script.Acknowledge(script.Start(0), sackFrom: 2); // one block above SND.UNA: no recovery yet
            Assert.True(t.Tcb.Scoreboard.Count > 0);

            t.AdvanceToDeadline();
            // RFC 2018 8, RFC 6675 5.1: after an RTO prior SACK information is not trusted.
            Assert.Equal(0, t.Tcb.Scoreboard.Count);
            Seg resend = t.Next();
            Assert.Equal(script.Start(0), resend.Seq);
        }

        /// <summary>
        /// Grows cwnd to <see cref="Flight"/> segments, sends that flight, then plays the peer: which segments arrive,
        /// and the ACKs (with SACK blocks when agreed) they draw. Records every segment the engine sends again.
        /// </summary>
        private sealed class LossScript
        {
            /// <summary>The harness under test.</summary>
            private readonly EngineHarness _t;

            /// <summary>True when the peer reports SACK blocks.</summary>
            private readonly bool _sack;

            /// <summary>Start sequence numbers of the flight's segments.</summary>
            private readonly uint[] _starts;

            /// <summary>Segment text length.</summary>
            private readonly int _length;

            /// <summary>One past the highest sequence number the engine sent so far.</summary>
            private uint _highest;

            public LossScript(EngineHarness t, bool sack)
            {
                _t = t;
                _sack = sack;
                t.Engine.Send(t.Connection, Bytes(60_000), t.Now);
                List<Seg> round = t.DrainAll();
                for (int r = 0; r < 2; r++)
                {
                    foreach (Seg segment in round)
                    {
                        t.Send(t.Stamped(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = segment.Seq + (uint)segment.Length, Window = PeerWindow }));
                    }

                    round = t.DrainAll();
                }

                Assert.Equal(Flight, round.Count);
                _starts = round.Select(s => s.Seq).ToArray();
                _length = round[0].Length;
                _highest = round[^1].Seq + (uint)round[^1].Length;
            }

            /// <summary>Sequence numbers of segments sent again, in order.</summary>
            public List<uint> Resent { get; } = new();

            /// <summary>First sequence number of segment <paramref name="index"/>.</summary>
            public uint Start(int index) => _starts[index];

            /// <summary>One past segment <paramref name="index"/>.</summary>
            public uint End(int index) => _starts[index] + (uint)_length;

            /// <summary>Every segment of the flight arrives except <paramref name="lost"/>; each arrival draws an ACK.</summary>
            public void DeliverAllBut(params int[] lost)
            {
                var held = new bool[Flight];
                int next = 0; // the receiver's RCV.NXT, as a segment index
                for (int i = 0; i < Flight; i++)
                {
                    if (Array.IndexOf(lost, i) >= 0)
                    {
                        continue;
                    }

                    held[i] = true;
                    while (next < Flight && held[next])
                    {
                        next++;
                    }

                    var runs = new List<SackBlock>();
                    for (int b = next; b < Flight;)
                    {
                        if (!held[b])
                        {
                            b++;
                            continue;
                        }

                        int end = b;
                        while (end < Flight && held[end])
                        {
                            end++;
                        }

                        runs.Add(new SackBlock(Start(b), End(end - 1)));
                        b = end;
                    }

                    // RFC 2018 4: the block holding the latest arrival first.
                    uint arrival = Start(i);
                    SackBlock[] blocks = runs.OrderBy(r => (int)(arrival - r.LeftEdge) >= 0 && (int)(r.RightEdge - arrival) > 0 ? 0 : 1).Take(3).ToArray();
                    Reply(next < Flight ? Start(next) : End(Flight - 1), blocks);
                }
            }

            /// <summary>A cumulative ACK up to <paramref name="ack"/>, SACKing segments <paramref name="sackFrom"/>..15 (none when negative).</summary>
            public void Acknowledge(uint ack, int sackFrom, ushort window = PeerWindow)
            {
                SackBlock[] blocks = sackFrom >= 0 ? [new SackBlock(Start(sackFrom), End(Flight - 1))] : [];
                Reply(ack, blocks, window);
            }

            /// <summary>Sends the peer's ACK and records what the engine answers with.</summary>
            private void Reply(uint ack, SackBlock[] blocks, ushort window = PeerWindow)
            {
                _t.Send(_t.Stamped(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = ack, Window = window, Sack = _sack && blocks.Length > 0 ? blocks : null }));
                foreach (Seg segment in _t.DrainAll())
                {
                    if (segment.Length == 0)
                    {
                        continue;
                    }

                    if ((int)(segment.Seq - _highest) < 0)
                    {
                        Resent.Add(segment.Seq);
                    }
                    else
                    {
                        _highest = segment.Seq + (uint)segment.Length;
                    }
                }
            }
        }
    }
}
