using System;
using BenchmarkDotNet.Attributes;
using TcpGen.Bench.Reporting;
using TcpGen.Runtime.Engine;

namespace TcpGen.Bench.Transfer
{
    /// <summary>
    /// Bulk transfer between two engines in one process (MSS 1460, no loss), in the spirit of smoltcp's loopback
    /// benchmark: the client sends, the server reads, an in-benchmark shuttle moves every packet on a virtual
    /// clock. One operation = one full 1460-byte segment of payload delivered, so "Mean" is time per segment,
    /// "M op/s" is millions of segments per second, Gbit/s counts payload (goodput), and "Allocated" is bytes per
    /// segment. The cost covers both engines: building, checksumming, parsing, buffering and ACKing.
    /// </summary>
    [MemoryDiagnoser]
    public class BulkTransferBenchmarks
    {
        /// <summary>Payload bytes per full-sized segment.</summary>
        public const int SegmentPayload = 1460;

        /// <summary>Full segments per invocation (8 MiB rounded to whole segments).</summary>
        public const int SegmentsPerInvocation = (8 << 20) / SegmentPayload;

        /// <summary>The engines and their connection, opened once.</summary>
        private EnginePair _pair = null!;

        /// <summary>What the client sends, cycled.</summary>
        private byte[] _source = null!;

        /// <summary>Where the server reads into.</summary>
        private byte[] _sink = null!;

        /// <summary>The kernel's TCP over loopback, measured in the same run as the baseline.</summary>
        private KernelLoopbackPair _kernel = null!;

        [GlobalSetup]
        public void Setup()
        {
            _pair = new EnginePair(new TcpEngineOptions { MaxSegmentSize = SegmentPayload });
            _source = new byte[64 * 1024];
            new Random(5001).NextBytes(_source);
            _sink = new byte[64 * 1024];
            _kernel = new KernelLoopbackPair();

            // Once, before measuring: the bytes must arrive intact and in order, or the numbers mean nothing.
            byte[] source = _source;
            _pair.Transfer(4L * SegmentPayload * SegmentsPerInvocation / 8, source, _sink, (offset, data) =>
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
            _kernel.Dispose();
        }

        [Benchmark(OperationsPerInvoke = SegmentsPerInvocation, Description = "Bulk transfer, 2 TcpGen engines, MSS 1460")]
        [BytesPerOperation(SegmentPayload)]
        public long BulkTransfer() => _pair.Transfer((long)SegmentPayload * SegmentsPerInvocation, _source, _sink);

        /// <summary>The same bytes through the kernel's TCP on 127.0.0.1 (two sockets, a reader thread): the baseline.</summary>
        [Benchmark(Baseline = true, OperationsPerInvoke = SegmentsPerInvocation, Description = "Bulk transfer, kernel TCP over loopback")]
        [BytesPerOperation(SegmentPayload)]
        public long KernelLoopback() => _kernel.Transfer((long)SegmentPayload * SegmentsPerInvocation, _source);
    }
}
