using System;
using TcpGen.Runtime.Codec;
using Xunit;

namespace TcpGen.Runtime.Tests.Codec
{
    /// <summary>The hot path allocates nothing: parse, checksum, build and count work on spans and values only.</summary>
    public class CodecAllocationTest
    {
        [Fact]
        public void ParseChecksumBuildAndCountShouldAllocateNothing()
        {
            var outgoing = new OutgoingSegment
            {
                Source = IpAddress.Parse("192.0.2.1"),
                Destination = IpAddress.Parse("198.51.100.2"),
                SourcePort = 40000,
                DestinationPort = 80,
                Flags = TcpFlags.Ack | TcpFlags.Psh,
                Window = 1000,
                Options = new TcpOptions { Timestamps = new TcpTimestamps(1, 2) },
            };
            byte[] data = new byte[1000];
            byte[] v4 = HandBuiltPacket.Ipv4(HandBuiltPacket.Tcp(flags: 0x10, options: new byte[] { 1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2, 1, 1, 5, 10, 0, 0, 0, 1, 0, 0, 0, 2 }, payload: data));
            byte[] v6 = HandBuiltPacket.Ipv6(HandBuiltPacket.Tcp(flags: 0x02, options: new byte[] { 2, 4, 5, 0xb4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7 }, payload: data));
            byte[] output = new byte[1600];
            var counters = new DropCounters();

            long checksum = RunHotPath(v4, v6, output, outgoing, data, counters, 200);
            long before = GC.GetAllocatedBytesForCurrentThread();
            checksum += RunHotPath(v4, v6, output, outgoing, data, counters, 2000);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(0, allocated);
            Assert.Equal(0, counters.Total);
            Assert.NotEqual(0, checksum);
        }

        /// <summary>One round of everything the engine does per packet; returns a value so nothing is optimised away.</summary>
        private static long RunHotPath(byte[] v4, byte[] v6, byte[] output, OutgoingSegment outgoing, byte[] data, DropCounters counters, int rounds)
        {
            long sink = 0;
            for (int i = 0; i < rounds; i++)
            {
                if (counters.Record(PacketParser.Parse(v4, out TcpSegmentView a)))
                {
                    sink += a.SequenceNumber + a.Options.SackBlockCount + a.Payload.Length + a.Source.GetHashCode();
                }

                if (counters.Record(PacketParser.Parse(v6, out TcpSegmentView b)))
                {
                    sink += b.Window + (b.Options.MaximumSegmentSize ?? 0) + b.Destination.AsIpv6().GetHashCode();
                }

                sink += InternetChecksum.Sum(data);
                if (SegmentBuilder.TryWrite(output, outgoing, data.AsSpan(0, 500), data.AsSpan(500, 77), out int written))
                {
                    sink += written;
                }
            }

            return sink;
        }
    }
}
