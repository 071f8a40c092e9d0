using System;
using System.Buffers.Binary;

namespace TcpGen.KernelPeer
{
    /// <summary>
    /// A deterministic pseudo-random byte stream (xorshift64*) from a seed: both sides of a transfer can produce it,
    /// and it never repeats within a test, so a misplaced block changes the SHA-256.
    /// </summary>
    internal sealed class PatternStream
    {
        /// <summary>The generator state; never zero.</summary>
        private ulong _state;

        /// <summary>Starts the stream for <paramref name="seed"/>.</summary>
        public PatternStream(ulong seed)
        {
            _state = seed == 0 ? 0x9E3779B97F4A7C15UL : seed;
        }

        /// <summary>Fills <paramref name="destination"/> with the next bytes of the stream (whole 8-byte words; the length must be a multiple of 8).</summary>
        public void Fill(Span<byte> destination)
        {
            for (int offset = 0; offset + 8 <= destination.Length; offset += 8)
            {
                _state ^= _state >> 12;
                _state ^= _state << 25;
                _state ^= _state >> 27;
                BinaryPrimitives.WriteUInt64LittleEndian(destination.Slice(offset), _state * 0x2545F4914F6CDD1DUL);
            }
        }
    }
}
