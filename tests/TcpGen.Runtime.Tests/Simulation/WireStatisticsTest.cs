using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Simulation;
using TcpGen.Runtime.Tests.Engine;
using Xunit;

namespace TcpGen.Runtime.Tests.Simulation
{
    public class WireStatisticsTest
    {
        private static readonly IpAddress From = IpAddress.Parse("198.18.0.1");
        private static readonly IpAddress To = IpAddress.Parse("198.18.0.2");

        [Fact]
        public void RepeatedPureAckShouldCountAsDuplicateButDataAndWindowUpdatesShouldNot()
        {
            var stats = new WireStatistics();
            stats.Observe(Packet(Seg.Data with { Seq = 1, Ack = 100, Window = 500, Payload = new byte[10] }));
            stats.Observe(Packet(Seg.AckOnly with { Seq = 11, Ack = 100, Window = 500 })); // same ACK as the data segment
            stats.Observe(Packet(Seg.AckOnly with { Seq = 11, Ack = 100, Window = 500 })); // duplicate again
            stats.Observe(Packet(Seg.AckOnly with { Seq = 11, Ack = 100, Window = 600 })); // window update
            stats.Observe(Packet(Seg.AckOnly with { Seq = 11, Ack = 200, Window = 600 })); // new data acknowledged
            stats.Observe(Packet(Seg.FinAck with { Seq = 11, Ack = 200, Window = 600 }));  // FIN: not a pure ACK

            Assert.Equal(1, stats.DataSegments);
            Assert.Equal(4, stats.PureAcks);
            Assert.Equal(2, stats.DuplicateAcks);
        }

        [Fact]
        public void NonTcpOrTruncatedPacketsShouldBeIgnored()
        {
            var stats = new WireStatistics();
            stats.Observe(new byte[] { 0x45, 0, 0 });
            stats.Observe(new byte[0]);
            stats.Observe(new byte[60]);
            Assert.Equal(0, stats.DataSegments + stats.PureAcks);
        }

        private static byte[] Packet(Seg segment) => EngineHarness.Packet(segment, From, To, 1000, 2000);
    }
}
