using TcpGen.Runtime.Codec;
using Xunit;
using static TcpGen.Runtime.Tests.Engine.EngineHarness;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>tcpInSegs (RFC 4022): TCP segments, those in error included; other IP packets are not segments.</summary>
    public class SegmentCounterTest
    {
        [Fact]
        public void NonTcpPacketShouldNotCountAsASegmentReceived()
        {
            using var t = Established();
            long before = t.Engine.Counters.SegmentsReceived;
            byte[] udp = Packet(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 1 }, RemoteAddress, LocalAddress, RemotePort, LocalPort);
            udp[9] = 17; // IPv4 protocol: UDP
            RewriteIpv4HeaderChecksum(udp);

            t.Engine.Receive(udp, t.Now);

            Assert.Equal(before, t.Engine.Counters.SegmentsReceived);
            Assert.Equal(1, t.Engine.Counters.Drops[DropReason.NotTcp]);
        }

        [Fact]
        public void TruncatedIpPacketShouldNotCountAsASegmentReceived()
        {
            using var t = Established();
            long before = t.Engine.Counters.SegmentsReceived;

            t.Engine.Receive(new byte[] { 0x45, 0, 0 }, t.Now);

            Assert.Equal(before, t.Engine.Counters.SegmentsReceived);
            Assert.Equal(1, t.Engine.Counters.Drops[DropReason.TruncatedHeader]);
        }

        [Fact]
        [Trait("Requirement", "MUST-3")]
        public void SegmentWithBadChecksumShouldCountAsReceivedInError()
        {
            using var t = Established();
            long before = t.Engine.Counters.SegmentsReceived;
            byte[] packet = Packet(Seg.Data with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(10) }, RemoteAddress, LocalAddress, RemotePort, LocalPort);
            packet[^1] ^= 0xFF;

            t.Engine.Receive(packet, t.Now);

            Assert.Equal(before + 1, t.Engine.Counters.SegmentsReceived);
            Assert.Equal(1, t.Engine.Counters.Drops[DropReason.BadChecksum]);
        }

        [Fact]
        public void ValidSegmentShouldCountOnce()
        {
            using var t = Established();
            long before = t.Engine.Counters.SegmentsReceived;

            t.Send(Seg.Data with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(10) });

            Assert.Equal(before + 1, t.Engine.Counters.SegmentsReceived);
        }

        /// <summary>Recomputes the IPv4 header checksum (RFC 791 3.1) after a header field was changed.</summary>
        private static void RewriteIpv4HeaderChecksum(byte[] packet)
        {
            int headerLength = (packet[0] & 0x0F) * 4;
            packet[10] = 0;
            packet[11] = 0;
            uint sum = 0;
            for (int i = 0; i < headerLength; i += 2)
            {
                sum += (uint)((packet[i] << 8) | packet[i + 1]);
            }

            while (sum > 0xFFFF)
            {
                sum = (sum & 0xFFFF) + (sum >> 16);
            }

            ushort checksum = (ushort)~sum;
            packet[10] = (byte)(checksum >> 8);
            packet[11] = (byte)checksum;
        }
    }
}
