using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using PacketDotNet;
using TcpGen.Runtime.Capture;
using TcpGen.Runtime.Codec;
using Xunit;

namespace TcpGen.Runtime.Tests.Capture
{
    /// <summary>The pcap files written by <see cref="PcapWriter"/> are what libpcap and PacketDotNet expect.</summary>
    public sealed class PcapWriterTest : IDisposable
    {
        /// <summary>A fresh file per test, deleted afterwards.</summary>
        private readonly string _path = Path.Combine(Path.GetTempPath(), $"tcpgen-pcap-{Guid.NewGuid():N}.pcap");

        public void Dispose() => File.Delete(_path);

        [Fact]
        public void FileHeaderShouldBeClassicMicrosecondPcapWithLinkTypeRaw()
        {
            var output = new MemoryStream();
            using (new PcapWriter(output, leaveOpen: true))
            {
            }

            byte[] header = output.ToArray();
            Assert.Equal(PcapWriter.FileHeaderLength, header.Length);
            Assert.Equal(0xA1B2C3D4u, BinaryPrimitives.ReadUInt32LittleEndian(header));
            Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(4)));
            Assert.Equal(4, BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(6)));
            Assert.Equal(262144u, BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(16)));
            Assert.Equal(101u, BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(20)));
        }

        [Fact]
        public void IndependentReaderShouldFindEveryPacketWithItsTimestampAndTcpFields()
        {
            var start = new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
            byte[] syn = CapturePackets.Ipv4(seq: 1000, ack: 0, TcpFlags.Syn);
            byte[] data = CapturePackets.Ipv6(seq: 5000, ack: 7000, TcpFlags.Ack | TcpFlags.Psh, payloadLength: 1200);
            using (PcapWriter writer = PcapWriter.Create(_path))
            {
                writer.Write(syn, start);
                writer.Write(data, start.AddTicks(1_234_567 * TimeSpan.TicksPerMicrosecond));
                Assert.Equal(2, writer.PacketCount);
            }

            (LinkLayers linkType, var packets) = IndependentPcapReader.Read(_path);

            // libpcap maps the file's LINKTYPE_RAW (101) to its DLT_RAW, which is 12 on Linux (PacketDotNet's RawLegacy).
            Assert.Equal(LinkLayers.RawLegacy, linkType);
            Assert.Equal(2, packets.Count);
            Assert.Equal(start.UtcDateTime, packets[0].Timestamp);
            Assert.Equal(start.UtcDateTime.AddTicks(1_234_567 * TimeSpan.TicksPerMicrosecond), packets[1].Timestamp);

            Assert.IsType<IPv4Packet>(packets[0].Ip);
            Assert.Equal("198.18.0.1", packets[0].Ip!.SourceAddress.ToString());
            Assert.True(packets[0].Tcp!.Synchronize);
            Assert.False(packets[0].Tcp!.Acknowledgment);
            Assert.Equal(1000u, packets[0].Tcp!.SequenceNumber);
            Assert.True(packets[0].Tcp!.ValidChecksum);

            Assert.IsType<IPv6Packet>(packets[1].Ip);
            Assert.Equal("2001:db8::2", packets[1].Ip!.DestinationAddress.ToString());
            Assert.Equal(40000, packets[1].Tcp!.SourcePort);
            Assert.Equal(80, packets[1].Tcp!.DestinationPort);
            Assert.Equal(5000u, packets[1].Tcp!.SequenceNumber);
            Assert.Equal(7000u, packets[1].Tcp!.AcknowledgmentNumber);
            Assert.Equal(data.Length, packets[1].OriginalLength);
            Assert.Equal(data.AsSpan(data.Length - 1200).ToArray(), packets[1].Tcp!.PayloadData);
            Assert.True(packets[1].Tcp!.ValidChecksum);
        }

        [Fact]
        public void PacketLongerThanTheSnapshotLengthShouldBeCutAndKeepItsOriginalLength()
        {
            byte[] packet = CapturePackets.Ipv4(seq: 1, ack: 1, TcpFlags.Ack, payloadLength: 1000);
            using (var writer = new PcapWriter(new FileStream(_path, FileMode.Create), snapshotLength: 64))
            {
                writer.Write(packet, DateTimeOffset.UnixEpoch);
            }

            (_, var packets) = IndependentPcapReader.Read(_path);

            CapturedPacket only = Assert.Single(packets);
            Assert.Equal(64, only.CapturedLength);
            Assert.Equal(packet.Length, only.OriginalLength);
        }

        [Fact]
        public void WritingPacketsShouldAllocateNothing()
        {
            byte[] packet = CapturePackets.Ipv4(seq: 1, ack: 1, TcpFlags.Ack, payloadLength: 1400);
            var output = new MemoryStream(capacity: 8 << 20); // room for all 3100 records: growing would allocate
            using var writer = new PcapWriter(output, leaveOpen: true);
            var stamp = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
            for (int i = 0; i < 100; i++)
            {
                writer.Write(packet, stamp);
            }

            // The least of three runs: a stray allocation by the test host on this thread under a parallel run must
            // not fail the test; a writer that allocates per packet allocates in all three.
            long allocated = long.MaxValue;
            for (int run = 0; run < 3; run++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 1000; i++)
                {
                    writer.Write(packet, stamp.AddTicks(i * 10));
                }

                allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
            }

            Assert.Equal(0, allocated);
            Assert.Equal(PcapWriter.FileHeaderLength + (3100 * (PcapWriter.RecordHeaderLength + packet.Length)), output.Length);
        }

        [Fact]
        public void CapturingLinkShouldRecordPacketsInBothDirectionsUnchanged()
        {
            var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero));
            var pair = new TestLinkPair();
            byte[] outgoing = CapturePackets.Ipv4(seq: 10, ack: 0, TcpFlags.Syn);
            byte[] incoming = CapturePackets.Ipv4(seq: 99, ack: 11, TcpFlags.Syn | TcpFlags.Ack);
            byte[] received = new byte[1500];
            using (PcapWriter writer = PcapWriter.Create(_path))
            using (var link = new CapturingLink(pair.A, writer, clock))
            {
                link.Send(outgoing);
                clock.UtcNow = clock.UtcNow.AddMilliseconds(3);
                pair.B.Send(incoming);
                Assert.True(link.TryReceive(received, out int length));
                Assert.Equal(incoming, received.AsSpan(0, length).ToArray());
                Assert.False(link.TryReceive(received, out _));
                Assert.Equal(1, pair.B.Pending);
                Assert.Equal(1500, link.Mtu);
            }

            (_, var packets) = IndependentPcapReader.Read(_path);

            Assert.Equal(new[] { "SYN", "SYN,ACK" }, packets.Select(p => p.Flags).ToArray());
            Assert.Equal(3, (packets[1].Timestamp - packets[0].Timestamp).TotalMilliseconds);
            Assert.Equal(99u, packets[1].Tcp!.SequenceNumber);
        }
    }
}
