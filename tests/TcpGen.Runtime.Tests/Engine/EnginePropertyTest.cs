using System;
using System.Collections.Generic;
using CsCheck;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using Xunit;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>
    /// Random scripts against an established connection: peer segments with any flags, sequence and acknowledgment
    /// numbers around the window, user calls and time jumps. After every step the engine must not have thrown, its
    /// send sequence variables must stay ordered, its buffers bounded, and every state change must be a step of the
    /// generated table (RFC 9293 §3.10.7: the runtime only classifies; the table decides). A second run agrees on
    /// timestamps and SACK first and adds random TSvals, echoes and SACK blocks (missing, old, forged) to the segments;
    /// then the SACK scoreboard must also stay sorted, disjoint and within SND.UNA..SND.MAX.
    /// </summary>
    public sealed class EnginePropertyTest
    {
        /// <summary>What one script step does; which fields matter depends on <see cref="Kind"/>.</summary>
        public readonly record struct Step(int Kind, int SeqOffset, int AckOffset, int Length, int Flags, ushort Window, int TsOffset = 0, int SackFrom = 0, int SackLength = 0);

        private static readonly Gen<Step> Steps = Gen.Select(
            Gen.Int[0, 11], Gen.Int[-70_000, 70_000], Gen.Int[-9_000, 9_000], Gen.Int[0, 1_400], Gen.Int[0, 63], Gen.UShort,
            (kind, seq, ack, length, flags, window) => new Step(kind, Near(seq), Near(ack), length, flags, window));

        /// <summary>Steps whose segments also carry a TSval around the peer's clock and, often, a SACK block around the flight.</summary>
        private static readonly Gen<Step> StepsWithOptions = Gen.Select(
            Steps, Gen.Int[-3_000, 3_000], Gen.Int[-10_000, 30_000], Gen.Int[0, 6_000],
            (step, ts, sackFrom, sackLength) => step with { TsOffset = ts, SackFrom = sackFrom, SackLength = sackLength });

        [Fact]
        public void RandomSegmentsAndCallsShouldKeepTheInvariants()
        {
            Gen.Select(Gen.Bool, Steps.Array[1, 80]).Sample(script => Run(script.Item1 ? Open.Active : Open.Passive, script.Item2), iter: 1500);
        }

        [Fact]
        public void RandomSegmentsWithTimestampsAndSackShouldKeepTheInvariants()
        {
            StepsWithOptions.Array[1, 80].Sample(script => Run(Open.PassiveWithOptions, script), iter: 1500);
        }

        /// <summary>How the connection under test is opened.</summary>
        private enum Open
        {
            /// <summary>Active open, no options from the peer.</summary>
            Active,

            /// <summary>Passive open, no options from the peer.</summary>
            Passive,

            /// <summary>Passive open whose peer offered timestamps and SACK-Permitted.</summary>
            PassiveWithOptions,
        }

        private static void Run(Open open, Step[] script)
        {
            using EngineHarness t = open switch
            {
                Open.Active => EngineHarness.EstablishedActive(),
                Open.Passive => EngineHarness.Established(),
                _ => EngineHarness.EstablishedWithTimestamps(),
            };
            bool withOptions = open == Open.PassiveWithOptions;
            t.Steps.Clear();
            var reported = new Dictionary<ConnectionHandle, TcpState> { [t.Connection] = TcpState.Established };
            byte[] readBuffer = new byte[4096];
            foreach (Step step in script)
            {
                Apply(t, step, readBuffer, withOptions);
                t.DrainAll();
                t.DrainNotifications();
                AssertInvariants(t, reported, step);
            }
        }

        private static void Apply(EngineHarness t, Step step, byte[] readBuffer, bool withOptions)
        {
            switch (step.Kind)
            {
                case <= 5:
                    var flags = (TcpFlags)0;
                    flags |= (step.Flags & 1) != 0 ? TcpFlags.Fin : 0;
                    flags |= (step.Flags & 2) != 0 ? TcpFlags.Syn : 0;
                    flags |= (step.Flags & 4) != 0 ? TcpFlags.Rst : 0;
                    flags |= (step.Flags & 8) != 0 ? TcpFlags.Psh : 0;
                    flags |= (step.Flags & 16) != 0 || step.Kind <= 2 ? TcpFlags.Ack : 0; // mostly ACKs, as on a real path
                    flags |= (step.Flags & 32) != 0 ? TcpFlags.Urg : 0;
                    var segment = new Seg(
                        flags,
                        Seq: unchecked(EngineHarness.RemoteIss + 1 + (uint)step.SeqOffset),
                        Ack: unchecked(t.Iss + 1 + (uint)step.AckOffset),
                        Window: step.Window,
                        Payload: (flags & TcpFlags.Syn) != 0 ? null : EngineHarness.Bytes(step.Length % 1001, step.SeqOffset),
                        UrgentPointer: (flags & TcpFlags.Urg) != 0 ? (ushort)step.Length : (ushort)0);
                    t.Send(withOptions ? WithOptions(t, segment, step) : segment);
                    break;
                case 6:
                    t.Engine.Send(t.Connection, EngineHarness.Bytes(step.Length * 3), t.Now);
                    break;
                case 7:
                    t.Engine.Read(t.Connection, readBuffer, t.Now);
                    break;
                case 8:
                    t.Advance(TimeSpan.FromMilliseconds(step.Length * 7));
                    break;
                case 9:
                    if (t.Engine.NextDeadline.HasValue)
                    {
                        t.AdvanceToDeadline();
                    }

                    break;
                case 10:
                    t.Engine.Close(t.Connection, t.Now);
                    break;
                default:
                    if (step.Length % 8 == 0)
                    {
                        t.Engine.Abort(t.Connection, t.Now);
                    }
                    else
                    {
                        t.Engine.SetNoDelay(t.Connection, step.Length % 2 == 0);
                    }

                    break;
            }
        }

        /// <summary>
        /// Adds the step's options: mostly a TSval near the peer's clock (sometimes none, sometimes far behind: PAWS) with
        /// an echo of ours or of nonsense, and a SACK block that may lie inside, across or outside the flight.
        /// </summary>
        private static Seg WithOptions(EngineHarness t, Seg segment, Step step)
        {
            TcpTimestamps? timestamps = step.TsOffset % 13 == 0
                ? null
                : new TcpTimestamps(unchecked(t.PeerTsval + (uint)step.TsOffset), step.TsOffset % 5 == 0 ? unchecked((uint)step.TsOffset) : t.OurTsval);
            SackBlock[]? sack = step.SackLength % 4 == 0
                ? null
                : [new SackBlock(unchecked(t.Iss + 1 + (uint)step.SackFrom), unchecked(t.Iss + 1 + (uint)(step.SackFrom + step.SackLength)))];
            return segment with { Timestamps = timestamps, Sack = sack };
        }

        private static void AssertInvariants(EngineHarness t, Dictionary<ConnectionHandle, TcpState> reported, Step after)
        {
            // Every state change is a cell of the generated table, and steps of one connection chain up.
            foreach ((ConnectionHandle connection, TcpState from, TcpEvent evt, TcpState to) in t.Steps)
            {
                Assert.Equal(TcpTransitions.Next(from, evt).Next, to);
                if (reported.TryGetValue(connection, out TcpState last))
                {
                    Assert.True(last == from, $"{connection} was {last} but stepped from {from} on {evt} (after {after})");
                }

                reported[connection] = to;
            }

            t.Steps.Clear();

            // The state the engine reports is the last one the table produced (a freed handle reports CLOSED).
            TcpState now = t.State;
            Assert.True(now == reported[t.Connection] || (now == TcpState.Closed && reported[t.Connection] == TcpState.Closed),
                $"engine reports {now}, the table left {reported[t.Connection]} (after {after})");

            if (t.Engine.Find(t.Connection)?.SendSequence is SendSequenceSnapshot sequence)
            {
                // SND.UNA <= SND.NXT <= SND.MAX in sequence space (RFC 9293 §3.3.1), and buffers within their sizes.
                Assert.True((int)(sequence.Nxt - sequence.Una) >= 0, $"SND.NXT {sequence.Nxt} is below SND.UNA {sequence.Una} (after {after})");
                Assert.True((int)(sequence.Max - sequence.Nxt) >= 0, $"SND.MAX {sequence.Max} is below SND.NXT {sequence.Nxt} (after {after})");
                Assert.InRange(sequence.SendBuffered, 0, t.Options.SendBufferSize);
                Assert.InRange(sequence.ReceiveBuffered, 0, t.Options.ReceiveBufferSize);
                Assert.True((uint)(sequence.Max - sequence.Una) <= (uint)t.Options.SendBufferSize + 2, "more in flight than was ever buffered");
            }

            if (t.Engine.Find(t.Connection) is { } tcb)
            {
                // The scoreboard holds sorted, disjoint, non-empty blocks inside SND.UNA..SND.MAX (RFC 6675 3).
                SackScoreboard board = tcb.Scoreboard;
                Assert.InRange(board.Count, 0, SackScoreboard.Capacity);
                for (int i = 0; i < board.Count; i++)
                {
                    (TcpGen.Runtime.Sequencing.SeqNum start, TcpGen.Runtime.Sequencing.SeqNum end) = board[i];
                    Assert.True(start < end, $"empty or reversed block {i} (after {after})");
                    Assert.True(start >= tcb.SendUnacknowledged && end <= tcb.SendMax, $"block {start}-{end} outside {tcb.SendUnacknowledged}-{tcb.SendMax} (after {after})");
                    Assert.True(i == 0 || board[i - 1].End < start, $"blocks {i - 1} and {i} overlap or touch (after {after})");
                }
            }
        }

        /// <summary>Most offsets land near the window edges, where the interesting cases are; the rest anywhere.</summary>
        private static int Near(int offset) => offset % 7 == 0 ? offset : offset % 9_000;
    }
}
