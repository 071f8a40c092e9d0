using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using TcpGen.Runtime;

namespace TcpGen.Bench.Transitions
{
    /// <summary>
    /// Experiment behind the generator's layout choice: does padding each row of the table to a power of two
    /// (index = state &lt;&lt; 5 | event instead of state * EventCount + event) make a transition faster? Both
    /// layouts are copies of the generated table in arrays, so only the index arithmetic differs; the generated
    /// table itself is included for reference.
    /// </summary>
    [MemoryDiagnoser]
    [CategoriesColumn]
    [GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
    public class RowStrideBenchmarks
    {
        /// <summary>log2 of the padded row length (32 slots hold EventCount events).</summary>
        private const int PaddedRowShift = 5;

        /// <summary>The precomputed pairs and event stream.</summary>
        private TransitionWorkload _workload = null!;

        /// <summary>The generated table copied row-major with rows of EventCount entries.</summary>
        private ulong[] _packedRows = null!;

        /// <summary>The generated table copied with rows padded to 1 &lt;&lt; PaddedRowShift entries.</summary>
        private ulong[] _paddedRows = null!;

        [GlobalSetup]
        public void Setup()
        {
            _workload = new TransitionWorkload();
            _packedRows = new ulong[TcpTransitions.StateCount * TcpTransitions.EventCount];
            _paddedRows = new ulong[TcpTransitions.StateCount << PaddedRowShift];
            for (int s = 0; s < TcpTransitions.StateCount; s++)
            {
                for (int e = 0; e < TcpTransitions.EventCount; e++)
                {
                    ulong packed = TcpTransitions.Next((TcpState)s, (TcpEvent)e).Packed;
                    _packedRows[(s * TcpTransitions.EventCount) + e] = packed;
                    _paddedRows[(s << PaddedRowShift) + e] = packed;
                }
            }
        }

        [Benchmark(Baseline = true, OperationsPerInvoke = TransitionWorkload.Length, Description = "Generated table (multiply)")]
        [BenchmarkCategory("Independent")]
        public ulong GeneratedIndependent()
        {
            TcpState[] states = _workload.States;
            TcpEvent[] events = _workload.Events;
            ulong sink = 0;
            for (int i = 0; i < states.Length && i < events.Length; i++)
            {
                sink ^= TcpTransitions.Next(states[i], events[i]).Packed;
            }

            return sink;
        }

        [Benchmark(OperationsPerInvoke = TransitionWorkload.Length, Description = "Array, multiply")]
        [BenchmarkCategory("Independent")]
        public ulong MultiplyIndependent()
        {
            TcpState[] states = _workload.States;
            TcpEvent[] events = _workload.Events;
            ref ulong table = ref MemoryMarshal.GetArrayDataReference(_packedRows);
            ulong sink = 0;
            for (int i = 0; i < states.Length && i < events.Length; i++)
            {
                sink ^= Unsafe.Add(ref table, (nint)(((uint)states[i] * TcpTransitions.EventCount) + (uint)events[i]));
            }

            return sink;
        }

        [Benchmark(OperationsPerInvoke = TransitionWorkload.Length, Description = "Array, padded rows (shift)")]
        [BenchmarkCategory("Independent")]
        public ulong ShiftIndependent()
        {
            TcpState[] states = _workload.States;
            TcpEvent[] events = _workload.Events;
            ref ulong table = ref MemoryMarshal.GetArrayDataReference(_paddedRows);
            ulong sink = 0;
            for (int i = 0; i < states.Length && i < events.Length; i++)
            {
                sink ^= Unsafe.Add(ref table, (nint)(((uint)states[i] << PaddedRowShift) | (uint)events[i]));
            }

            return sink;
        }

        [Benchmark(Baseline = true, OperationsPerInvoke = TransitionWorkload.Length, Description = "Generated table (multiply)")]
        [BenchmarkCategory("Sequential")]
        public ulong GeneratedSequential()
        {
            TcpState state = TcpTransitions.InitialState;
            ulong sink = 0;
            foreach (TcpEvent evt in _workload.Events)
            {
                TcpTransition transition = TcpTransitions.Next(state, evt);
                state = transition.Next;
                sink ^= transition.Packed;
            }

            return sink;
        }

        [Benchmark(OperationsPerInvoke = TransitionWorkload.Length, Description = "Array, multiply")]
        [BenchmarkCategory("Sequential")]
        public ulong MultiplySequential()
        {
            ref ulong table = ref MemoryMarshal.GetArrayDataReference(_packedRows);
            ulong packed = (ulong)TcpTransitions.InitialState;
            ulong sink = 0;
            foreach (TcpEvent evt in _workload.Events)
            {
                packed = Unsafe.Add(ref table, (nint)(((uint)(byte)packed * TcpTransitions.EventCount) + (uint)evt));
                sink ^= packed;
            }

            return sink;
        }

        [Benchmark(OperationsPerInvoke = TransitionWorkload.Length, Description = "Array, padded rows (shift)")]
        [BenchmarkCategory("Sequential")]
        public ulong ShiftSequential()
        {
            ref ulong table = ref MemoryMarshal.GetArrayDataReference(_paddedRows);
            ulong packed = (ulong)TcpTransitions.InitialState;
            ulong sink = 0;
            foreach (TcpEvent evt in _workload.Events)
            {
                packed = Unsafe.Add(ref table, (nint)(((uint)(byte)packed << PaddedRowShift) | (uint)evt));
                sink ^= packed;
            }

            return sink;
        }
    }
}
