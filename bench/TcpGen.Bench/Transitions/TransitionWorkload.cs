using TcpGen.Runtime;

namespace TcpGen.Bench.Transitions
{
    /// <summary>
    /// Precomputed, seeded inputs for the transition benchmarks, so generating them is never measured:
    /// (state, event) pairs for independent lookups (no lookup depends on the previous one) and an event stream
    /// for one connection that walks the machine (each lookup depends on the state the previous one produced).
    /// </summary>
    public sealed class TransitionWorkload
    {
        /// <summary>Lookups per benchmark invocation: 4096 pairs fit in L1 next to the table.</summary>
        public const int Length = 4096;

        /// <summary>The state of each independent lookup.</summary>
        public TcpState[] States { get; }

        /// <summary>The event of each independent lookup, and the event stream of the sequential walk.</summary>
        public TcpEvent[] Events { get; }

        /// <summary>Draws the pairs from a xorshift generator seeded with <paramref name="seed"/> (never 0).</summary>
        public TransitionWorkload(uint seed = 0x9E3779B9)
        {
            States = new TcpState[Length];
            Events = new TcpEvent[Length];
            uint x = seed;
            for (int i = 0; i < Length; i++)
            {
                x = XorShift(x);
                States[i] = (TcpState)(x % TcpTransitions.StateCount);
                x = XorShift(x);
                Events[i] = (TcpEvent)(x % TcpTransitions.EventCount);
            }
        }

        /// <summary>Marsaglia's 32-bit xorshift step.</summary>
        private static uint XorShift(uint x)
        {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            return x;
        }
    }
}
