using System;

namespace TcpGen.Runtime.Links
{
    /// <summary>
    /// A small seeded pseudo-random generator (xoshiro256**, state expanded from the seed with SplitMix64) for fault
    /// decisions. Its sequence depends only on the seed, never on the .NET version or platform, so a fault pattern
    /// is reproducible from its seed everywhere. Not thread-safe; never allocates.
    /// </summary>
    public sealed class FaultRandom
    {
        /// <summary>The four words of xoshiro256** state.</summary>
        private ulong _s0, _s1, _s2, _s3;

        public FaultRandom(ulong seed)
        {
            ulong x = seed;
            _s0 = SplitMix(ref x);
            _s1 = SplitMix(ref x);
            _s2 = SplitMix(ref x);
            _s3 = SplitMix(ref x);
        }

        /// <summary>Derives an independent seed for a sub-stream (e.g. one direction of a link) from a master seed.</summary>
        public static ulong DeriveSeed(ulong seed, ulong stream)
        {
            ulong x = seed ^ (stream * 0xD1B54A32D192ED03UL);
            return SplitMix(ref x);
        }

        /// <summary>The next 64 random bits.</summary>
        public ulong NextUInt64()
        {
            ulong result = RotateLeft(_s1 * 5, 7) * 9;
            ulong t = _s1 << 17;
            _s2 ^= _s0;
            _s3 ^= _s1;
            _s1 ^= _s2;
            _s0 ^= _s3;
            _s2 ^= t;
            _s3 = RotateLeft(_s3, 45);
            return result;
        }

        /// <summary>A uniform double in [0, 1).</summary>
        public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

        /// <summary>True with probability <paramref name="probability"/> (0 never draws, so a disabled fault costs no randomness).</summary>
        public bool Chance(double probability) => probability > 0 && NextDouble() < probability;

        /// <summary>A uniform integer in [0, <paramref name="exclusiveMax"/>).</summary>
        public long NextInt64(long exclusiveMax)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(exclusiveMax, 1);
            return (long)(NextUInt64() % (ulong)exclusiveMax);
        }

        /// <summary>Fills <paramref name="destination"/> with random bytes.</summary>
        public void NextBytes(Span<byte> destination)
        {
            while (destination.Length >= 8)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(destination, NextUInt64());
                destination = destination.Slice(8);
            }

            if (destination.Length > 0)
            {
                ulong last = NextUInt64();
                for (int i = 0; i < destination.Length; i++)
                {
                    destination[i] = (byte)(last >> (8 * i));
                }
            }
        }

        private static ulong SplitMix(ref ulong x)
        {
            x += 0x9E3779B97F4A7C15UL;
            ulong z = x;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        private static ulong RotateLeft(ulong value, int bits) => (value << bits) | (value >> (64 - bits));
    }
}
