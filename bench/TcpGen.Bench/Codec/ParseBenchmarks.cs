using System;
using BenchmarkDotNet.Attributes;
using TcpGen.Bench.Reporting;
using TcpGen.Runtime.Codec;

namespace TcpGen.Bench.Codec
{
    /// <summary>
    /// Parsing an arriving 1500-byte packet: IP header, TCP header and options, and the TCP checksum over
    /// pseudo-header, header and data (the checksum is most of the work). One operation = one packet; Gbit/s is
    /// the packet rate times 1500 x 8 bits. The packet stays in L1, so this is the codec's ceiling, not a NIC's.
    /// </summary>
    [MemoryDiagnoser]
    public class ParseBenchmarks
    {
        /// <summary>Prebuilt IPv4 packet.</summary>
        private byte[] _ipv4 = null!;

        /// <summary>Prebuilt IPv6 packet.</summary>
        private byte[] _ipv6 = null!;

        [GlobalSetup]
        public void Setup()
        {
            _ipv4 = BenchmarkPackets.Ipv4();
            _ipv6 = BenchmarkPackets.Ipv6();
        }

        [Benchmark(Baseline = true, Description = "Parse + checksum, IPv4/TCP 1500 B")]
        [BytesPerOperation(BenchmarkPackets.PacketLength)]
        public int ParseIpv4() => Consume(_ipv4);

        [Benchmark(Description = "Parse + checksum, IPv6/TCP 1500 B")]
        [BytesPerOperation(BenchmarkPackets.PacketLength)]
        public int ParseIpv6() => Consume(_ipv6);

        [Benchmark(Description = "Checksum only, 1480 B (InternetChecksum.Sum)")]
        [BytesPerOperation(BenchmarkPackets.PacketLength - 20)]
        public ushort ChecksumOnly() => InternetChecksum.Sum(_ipv4.AsSpan(20));

        /// <summary>Parses and reads a few fields, as the engine would, so nothing is optimised away.</summary>
        private static int Consume(byte[] packet)
        {
            PacketParseResult result = PacketParser.Parse(packet, out TcpSegmentView segment);
            return result.IsOk ? segment.Payload.Length + (int)segment.SequenceNumber + segment.Window : -(int)result.DropReason;
        }
    }
}
