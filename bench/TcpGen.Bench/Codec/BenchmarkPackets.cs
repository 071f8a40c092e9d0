using System;
using TcpGen.Runtime.Codec;

namespace TcpGen.Bench.Codec
{
    /// <summary>
    /// Full-sized (1500-byte) IPv4/TCP and IPv6/TCP data packets as a Linux peer sends them in bulk: ACK|PSH with a
    /// timestamps option, built once with the runtime's <see cref="SegmentBuilder"/> and checked to parse.
    /// </summary>
    public static class BenchmarkPackets
    {
        /// <summary>The IP MTU of Ethernet: every packet built here is exactly this long.</summary>
        public const int PacketLength = 1500;

        /// <summary>A 1500-byte IPv4 packet (20 IP + 32 TCP + 1448 data) between two 198.18.0.0/15 addresses.</summary>
        public static byte[] Ipv4() => Build(IpAddress.Parse("198.18.0.1"), IpAddress.Parse("198.18.0.2"));

        /// <summary>A 1500-byte IPv6 packet (40 IP + 32 TCP + 1428 data).</summary>
        public static byte[] Ipv6() => Build(IpAddress.Parse("2001:db8::1"), IpAddress.Parse("2001:db8::2"));

        private static byte[] Build(IpAddress source, IpAddress destination)
        {
            var segment = new OutgoingSegment
            {
                Source = source,
                Destination = destination,
                SourcePort = 40000,
                DestinationPort = 5001,
                SequenceNumber = 0x12345678,
                AcknowledgmentNumber = 0x9ABCDEF0,
                Flags = TcpFlags.Ack | TcpFlags.Psh,
                Window = 501,
                Options = new TcpOptions { Timestamps = new TcpTimestamps(0x01020304, 0x05060708) },
                HopLimit = OutgoingSegment.DefaultHopLimit,
            };
            byte[] payload = new byte[PacketLength - SegmentBuilder.GetHeaderLength(segment)];
            new Random(1460).NextBytes(payload);
            byte[] packet = new byte[PacketLength];
            int written = SegmentBuilder.Write(packet, segment, payload);
            PacketParseResult parsed = PacketParser.Parse(packet, out TcpSegmentView view);
            if (written != PacketLength || !parsed.IsOk || view.Payload.Length != payload.Length)
            {
                throw new InvalidOperationException($"Benchmark packet did not round-trip: {written} bytes, {parsed.DropReason}.");
            }

            return packet;
        }
    }
}
