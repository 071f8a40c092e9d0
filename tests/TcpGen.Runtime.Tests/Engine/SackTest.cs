using System;
using System.Linq;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using Xunit;
using static TcpGen.Runtime.Tests.Engine.EngineHarness;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>
    /// SACK as a data receiver (RFC 2018 4, RFC 2883 4): which blocks our ACKs report, in which order, and when.
    /// The peer's segments carry timestamps too, so three blocks fit (RFC 2018 3).
    /// </summary>
    public class SackTest
    {
        [Fact]
        public void OutOfOrderSegmentShouldBeReportedInTheDuplicateAck()
        {
            using var t = EstablishedWithTimestamps();
            t.Send(t.Stamped(Seg.Data with { Seq = RemoteIss + 101, Ack = t.Iss + 1, Payload = Bytes(50) }));

            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 1, Sack = [Block(101, 151)] });
            Assert.Equal(1, t.Engine.Counters.SackAcksSent);
        }

        [Fact]
        public void LatestArrivalShouldLeadAndEarlierBlocksFollow()
        {
            using var t = EstablishedWithTimestamps();
            t.Send(t.Stamped(Seg.Data with { Seq = RemoteIss + 101, Ack = t.Iss + 1, Payload = Bytes(50) }));
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 1, Sack = [Block(101, 151)] });
            t.Send(t.Stamped(Seg.Data with { Seq = RemoteIss + 301, Ack = t.Iss + 1, Payload = Bytes(50) }));
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 1, Sack = [Block(301, 351), Block(101, 151)] });
            t.Send(t.Stamped(Seg.Data with { Seq = RemoteIss + 201, Ack = t.Iss + 1, Payload = Bytes(50) }));

            // RFC 2018 4: the first block holds the segment that triggered the ACK; the rest repeat the most recently
            // reported first blocks, so each block is reported in several ACKs in case some are lost.
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 1, Sack = [Block(201, 251), Block(301, 351), Block(101, 151)] });
        }

        [Fact]
        public void ArrivalThatJoinsBlocksShouldBeReportedAsTheMergedBlock()
        {
            using var t = EstablishedWithTimestamps();
            t.Send(t.Stamped(Seg.Data with { Seq = RemoteIss + 101, Ack = t.Iss + 1, Payload = Bytes(50) }));
            t.Send(t.Stamped(Seg.Data with { Seq = RemoteIss + 201, Ack = t.Iss + 1, Payload = Bytes(50) }));
            t.Send(t.Stamped(Seg.Data with { Seq = RemoteIss + 151, Ack = t.Iss + 1, Payload = Bytes(50) }));
            t.DrainAll();

            t.Send(t.Stamped(Seg.Data with { Seq = RemoteIss + 401, Ack = t.Iss + 1, Payload = Bytes(50) }));
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 1, Sack = [Block(401, 451), Block(101, 251)] });
        }

        [Fact]
        public void OptionShouldHoldThreeBlocksBesideTimestampsAndFourWithout()
        {
            using var stamped = EstablishedWithTimestamps();
            for (uint i = 1; i <= 4; i++)
            {
                stamped.Send(stamped.Stamped(Seg.Data with { Seq = RemoteIss + 1 + (i * 100), Ack = stamped.Iss + 1, Payload = Bytes(10) }));
            }

            Seg last = stamped.DrainAll().Last();
            Assert.Equal(3, last.Sack?.Length); // 40 - 12 (TSopt) - 4 (NOP NOP kind length) leaves 24 octets

            using var bare = EstablishedWithTimestamps(o => o.Timestamps = false);
            for (uint i = 1; i <= 5; i++)
            {
                bare.Send(Seg.Data with { Seq = RemoteIss + 1 + (i * 100), Ack = bare.Iss + 1, Payload = Bytes(10) });
            }

            Seg[] acks = bare.DrainAll().ToArray();
            Assert.Null(acks[^1].Timestamps);
            Assert.Equal(4, acks[^1].Sack?.Length);
            Assert.Equal(Block(501, 511), acks[^1].Sack![0]);
        }

        [Fact]
        public void FilledHoleShouldEndTheReport()
        {
            using var t = EstablishedWithTimestamps();
            t.Send(t.Stamped(Seg.Data with { Seq = RemoteIss + 101, Ack = t.Iss + 1, Payload = Bytes(50, 100) }));
            t.DrainAll();

            t.Send(t.Stamped(Seg.Data with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(100) }));
            Seg ack = t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 151 });
            Assert.Null(ack.Sack);
        }

        [Fact]
        public void DuplicateSegmentShouldBeReportedInADuplicateSackBlock()
        {
            using var t = EstablishedWithTimestamps(o => o.DelayedAckTimeout = TimeSpan.Zero);
            t.Send(t.Stamped(Seg.Data with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(100) }));
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 101, Sack = [] });

            // RFC 2883 4: data received twice is reported once, in a first block below the cumulative ACK, so the
            // sender can tell its retransmission was spurious.
            t.Send(t.Stamped(Seg.Data with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(100) }));
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 101, Sack = [Block(1, 101)] });
            Assert.Equal(1, t.Engine.Counters.DuplicateSacksSent);

            t.Send(t.Stamped(Seg.Data with { Seq = RemoteIss + 101, Ack = t.Iss + 1, Payload = Bytes(10) }));
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 111, Sack = [] });
        }

        [Fact]
        public void PartlyDuplicateSegmentShouldReportOnlyItsOldPart()
        {
            using var t = EstablishedWithTimestamps(o => o.DelayedAckTimeout = TimeSpan.Zero);
            t.Send(t.Stamped(Seg.Data with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(100) }));
            t.DrainAll();

            t.Send(t.Stamped(Seg.Data with { Seq = RemoteIss + 51, Ack = t.Iss + 1, Payload = Bytes(100, 50) }));
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 151, Sack = [Block(51, 101)] });
        }

        [Fact]
        public void DuplicateSackBlockShouldLeadTheOutOfOrderBlocks()
        {
            using var t = EstablishedWithTimestamps(o => o.DelayedAckTimeout = TimeSpan.Zero);
            t.Send(t.Stamped(Seg.Data with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(100) }));
            t.Send(t.Stamped(Seg.Data with { Seq = RemoteIss + 201, Ack = t.Iss + 1, Payload = Bytes(100) }));
            t.DrainAll();

            t.Send(t.Stamped(Seg.Data with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(100) }));
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 101, Sack = [Block(1, 101), Block(201, 301)] });
        }

        [Fact]
        public void PeerWithoutSackPermittedShouldGetNoBlocks()
        {
            using var t = EstablishedWithTimestamps(sack: false);
            t.Send(t.Stamped(Seg.Data with { Seq = RemoteIss + 101, Ack = t.Iss + 1, Payload = Bytes(50) }));

            Seg ack = t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 1 });
            Assert.Null(ack.Sack);
            Assert.False(t.Tcb.SackEnabled);
            Assert.Equal(0, t.Engine.Counters.SackAcksSent);
        }

        [Fact]
        public void DataSegmentShouldCarryNoBlocks()
        {
            using var t = EstablishedWithTimestamps();
            t.Send(t.Stamped(Seg.Data with { Seq = RemoteIss + 101, Ack = t.Iss + 1, Payload = Bytes(50) }));
            t.DrainAll();
            t.Engine.Send(t.Connection, Bytes(20), t.Now);

            // Blocks ride on ACKs without text only, so a full-sized data segment never loses room to them.
            Seg data = t.Expect(Seg.Data with { Seq = t.Iss + 1, Ack = RemoteIss + 1, Payload = Bytes(20) });
            Assert.Null(data.Sack);
        }

        /// <summary>A SACK block from offsets past the peer's ISS (so 1 is its first data octet).</summary>
        private static SackBlock Block(uint from, uint to) => new(RemoteIss + from, RemoteIss + to);
    }
}
