using System;
using BenchmarkDotNet.Attributes;
using TcpGen.Bench.Reporting;
using TcpGen.Runtime.Engine;

namespace TcpGen.Bench.Transfer
{
    /// <summary>
    /// Bulk transfer between two engines in one process (MSS 1460, no loss), in the spirit of smoltcp's loopback
    /// benchmark: the client sends, the server reads, an in-benchmark shuttle moves every packet on a virtual
    /// clock. One operation = one full segment of payload delivered, so "Mean" is time per segment, "M op/s" is
    /// millions of segments per second, Gbit/s counts payload (goodput), and "Allocated" is bytes per segment. The
    /// cost covers both engines: building, checksumming, parsing, buffering and ACKing. The default engines agree on
    /// timestamps and SACK, so a full segment carries 1448 octets (12 go to TSopt); a second row turns both off
    /// (1460 octets) to show what they cost. The kernel row moves the same bytes as the default row.
    /// </summary>
    [MemoryDiagnoser]
    public class BulkTransferBenchmarks
    {
        /// <summary>The MSS both engines announce.</summary>
        public const int Mss = 1460;

        /// <summary>Payload bytes per full-sized segment with timestamps (the default): the MSS less 12 octets of TSopt.</summary>
        public const int SegmentPayload = Mss - 12;

        /// <summary>Full segments per invocation (8 MiB rounded to whole segments).</summary>
        public const int SegmentsPerInvocation = (8 << 20) / SegmentPayload;

        /// <summary>Full segments per invocation without timestamps (1460-octet segments).</summary>
        public const int PlainSegmentsPerInvocation = (8 << 20) / Mss;

        /// <summary>The engines (default options: timestamps and SACK) and their connection, opened once.</summary>
        private EnginePair _pair = null!;

        /// <summary>Engines with timestamps and SACK turned off.</summary>
        private EnginePair _plainPair = null!;

        /// <summary>What the client sends, cycled.</summary>
        private byte[] _source = null!;

        /// <summary>Where the server reads into.</summary>
        private byte[] _sink = null!;

        /// <summary>The kernel's TCP over loopback, measured in the same run as the baseline.</summary>
        private KernelLoopbackPair _kernel = null!;

        [GlobalSetup]
        public void Setup()
        {
            _pair = new EnginePair(new TcpEngineOptions { MaxSegmentSize = Mss });
            _plainPair = new EnginePair(new TcpEngineOptions { MaxSegmentSize = Mss, Timestamps = false, SelectiveAcknowledgments = false });
            _source = new byte[64 * 1024];
            new Random(5001).NextBytes(_source);
            _sink = new byte[64 * 1024];
            _kernel = new KernelLoopbackPair();

            // Once, before measuring: the bytes must arrive intact and in order, or the numbers mean nothing.
            Check(_pair);
            Check(_plainPair);
        }

        /// <summary>Moves 4 MiB through <paramref name="pair"/>, comparing every byte received with what was sent.</summary>
        private void Check(EnginePair pair)
        {
            byte[] source = _source;
            pair.Transfer(4L << 20, source, _sink, (offset, data) =>
            {
                for (int i = 0; i < data.Length; i++)
                {
                    if (data[i] != source[(offset + i) % source.Length])
                    {
                        throw new InvalidOperationException($"Byte {offset + i} differs.");
                    }
                }
            });
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            _pair.Dispose();
            _plainPair.Dispose();
            _kernel.Dispose();
        }

        [Benchmark(OperationsPerInvoke = SegmentsPerInvocation, Description = "Bulk transfer, 2 TcpGen engines, timestamps + SACK")]
        [BytesPerOperation(SegmentPayload)]
        public long BulkTransfer() => _pair.Transfer((long)SegmentPayload * SegmentsPerInvocation, _source, _sink);

        [Benchmark(OperationsPerInvoke = PlainSegmentsPerInvocation, Description = "Bulk transfer, 2 TcpGen engines, no options")]
        [BytesPerOperation(Mss)]
        public long PlainBulkTransfer() => _plainPair.Transfer((long)Mss * PlainSegmentsPerInvocation, _source, _sink);

        /// <summary>The same bytes through the kernel's TCP on 127.0.0.1 (two sockets, a reader thread): the baseline.</summary>
        [Benchmark(Baseline = true, OperationsPerInvoke = SegmentsPerInvocation, Description = "Bulk transfer, kernel TCP over loopback")]
        [BytesPerOperation(SegmentPayload)]
        public long KernelLoopback() => _kernel.Transfer((long)SegmentPayload * SegmentsPerInvocation, _source);
    }
}
