using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using TcpGen.Runtime;

namespace TcpGen.Bench.Transitions
{
    /// <summary>
    /// One transition: the generated table (<see cref="TcpTransitions.Next"/>, and the runtime's
    /// <see cref="ConnectionStateMachine"/>) against a hand-written switch and Stateless on the same machine.
    /// "Independent" looks up unrelated (state, event) pairs, so the CPU can overlap lookups (throughput);
    /// "Sequential" walks one connection, each lookup waiting for the state the previous one produced (latency).
    /// Each invocation does <see cref="TransitionWorkload.Length"/> transitions; results are per transition.
    /// </summary>
    [MemoryDiagnoser]
    [CategoriesColumn]
    [GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
    public class TransitionBenchmarks
    {
        /// <summary>The precomputed pairs and event stream.</summary>
        private TransitionWorkload _workload = null!;

        /// <summary>The Stateless machine built from the table.</summary>
        private StatelessBaseline _stateless = null!;

        [GlobalSetup]
        public void Setup()
        {
            _workload = new TransitionWorkload();
            _stateless = new StatelessBaseline();
        }

        [Benchmark(Baseline = true, OperationsPerInvoke = TransitionWorkload.Length, Description = "Table (TcpTransitions.Next)")]
        [BenchmarkCategory("Independent")]
        public ulong TableIndependent()
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

        [Benchmark(OperationsPerInvoke = TransitionWorkload.Length, Description = "Hand-written switch")]
        [BenchmarkCategory("Independent")]
        public ulong SwitchIndependent()
        {
            TcpState[] states = _workload.States;
            TcpEvent[] events = _workload.Events;
            ulong sink = 0;
            for (int i = 0; i < states.Length && i < events.Length; i++)
            {
                sink ^= HandWrittenTransitions.Next(states[i], events[i]).Packed;
            }

            return sink;
        }

        [Benchmark(OperationsPerInvoke = TransitionWorkload.Length, Description = "Stateless Fire")]
        [BenchmarkCategory("Independent")]
        public ulong StatelessIndependent()
        {
            TcpState[] states = _workload.States;
            TcpEvent[] events = _workload.Events;
            ulong sink = 0;
            for (int i = 0; i < states.Length && i < events.Length; i++)
            {
                _stateless.Reset(states[i]);
                sink ^= _stateless.Fire(events[i]).Packed;
            }

            return sink;
        }

        [Benchmark(Baseline = true, OperationsPerInvoke = TransitionWorkload.Length, Description = "Table (ConnectionStateMachine.Fire)")]
        [BenchmarkCategory("Sequential")]
        public ulong TableSequential()
        {
            var machine = new ConnectionStateMachine();
            ulong sink = 0;
            foreach (TcpEvent evt in _workload.Events)
            {
                sink ^= machine.Fire(evt).Packed;
            }

            return sink;
        }

        [Benchmark(OperationsPerInvoke = TransitionWorkload.Length, Description = "Hand-written switch")]
        [BenchmarkCategory("Sequential")]
        public ulong SwitchSequential()
        {
            TcpState state = TcpTransitions.InitialState;
            ulong sink = 0;
            foreach (TcpEvent evt in _workload.Events)
            {
                TcpTransition transition = HandWrittenTransitions.Next(state, evt);
                state = transition.Next;
                sink ^= transition.Packed;
            }

            return sink;
        }

        [Benchmark(OperationsPerInvoke = TransitionWorkload.Length, Description = "Stateless Fire")]
        [BenchmarkCategory("Sequential")]
        public ulong StatelessSequential()
        {
            _stateless.Reset(TcpTransitions.InitialState);
            ulong sink = 0;
            foreach (TcpEvent evt in _workload.Events)
            {
                sink ^= _stateless.Fire(evt).Packed;
            }

            return sink;
        }
    }
}
