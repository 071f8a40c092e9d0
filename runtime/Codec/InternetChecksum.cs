using System;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TcpGen.Runtime.Codec
{
    /// <summary>
    /// The Internet checksum of RFC 1071: the 16-bit ones' complement of the ones' complement sum of 16-bit words.
    /// Words are summed in the machine's native byte order and the folded result is byte-swapped at the end
    /// (RFC 1071 section 2(B), byte-order independence), which lets the bulk of the data be summed with SIMD:
    /// each 32-bit lane adds its low and high 16-bit halves, and lanes are widened to 64 bits before they overflow.
    /// </summary>
    public static class InternetChecksum
    {
        /// <summary>
        /// Vector iterations before lanes are flushed: each iteration adds at most 2 * 0xFFFF to a 32-bit lane,
        /// so 16384 iterations stay below 2^31 with margin.
        /// </summary>
        private const int MaxIterationsPerBlock = 16384;

        /// <summary>Folds <paramref name="data"/> into a 16-bit ones' complement sum (not complemented), as a big-endian number.</summary>
        public static ushort Sum(ReadOnlySpan<byte> data) => ToNetworkOrder(Fold(SumNative(data)));

        /// <summary>The checksum field value for <paramref name="data"/> (the complement of <see cref="Sum"/>), as a big-endian number.</summary>
        public static ushort Compute(ReadOnlySpan<byte> data) => (ushort)~Sum(data);

        /// <summary>
        /// True when <paramref name="data"/>, checksum field included, sums to all ones: the receiver-side test
        /// of RFC 1071 section 1 (used for the IPv4 header checksum, RFC 791 3.1).
        /// </summary>
        public static bool Verify(ReadOnlySpan<byte> data) => Sum(data) == 0xFFFF;

        /// <summary>Folds a wide sum to 16 bits with end-around carry (RFC 1071 section 2(C)).</summary>
        internal static ushort Fold(ulong sum)
        {
            while ((sum >> 16) != 0)
            {
                sum = (sum & 0xFFFF) + (sum >> 16);
            }

            return (ushort)sum;
        }

        /// <summary>Turns a folded native-order sum into the big-endian number it stands for.</summary>
        internal static ushort ToNetworkOrder(ushort nativeSum) =>
            BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(nativeSum) : nativeSum;

        /// <summary>Wide sum of native-order 16-bit words, trailing odd octet padded with zero on its right (RFC 9293 3.1).</summary>
        internal static ulong SumNative(ReadOnlySpan<byte> data)
        {
            if (Vector256.IsHardwareAccelerated && data.Length >= Vector256<byte>.Count)
            {
                return SumWithVector256(data);
            }

            if (Vector128.IsHardwareAccelerated && data.Length >= Vector128<byte>.Count)
            {
                return SumWithVector128(data);
            }

            return SumScalar(data);
        }

        /// <summary>256-bit path; falls through to the 128-bit path for the tail. Internal so tests can pin each path.</summary>
        internal static ulong SumWithVector256(ReadOnlySpan<byte> data)
        {
            ref byte start = ref MemoryMarshal.GetReference(data);
            int whole = data.Length - (data.Length % Vector256<byte>.Count);
            Vector256<uint> lowHalf = Vector256.Create(0xFFFFu);
            ulong total = 0;
            int offset = 0;
            while (offset < whole)
            {
                int blockEnd = Math.Min(whole, offset + (MaxIterationsPerBlock * Vector256<byte>.Count));
                Vector256<uint> lanes = Vector256<uint>.Zero;
                for (; offset < blockEnd; offset += Vector256<byte>.Count)
                {
                    Vector256<uint> words = Vector256.LoadUnsafe(ref start, (nuint)offset).AsUInt32();
                    lanes += (words & lowHalf) + (words >> 16);
                }

                (Vector256<ulong> lower, Vector256<ulong> upper) = Vector256.Widen(lanes);
                total += Vector256.Sum(lower + upper);
            }

            return total + SumWithVector128(data.Slice(offset));
        }

        /// <summary>128-bit path; falls through to the scalar path for the tail. Internal so tests can pin each path.</summary>
        internal static ulong SumWithVector128(ReadOnlySpan<byte> data)
        {
            ref byte start = ref MemoryMarshal.GetReference(data);
            int whole = data.Length - (data.Length % Vector128<byte>.Count);
            Vector128<uint> lowHalf = Vector128.Create(0xFFFFu);
            ulong total = 0;
            int offset = 0;
            while (offset < whole)
            {
                int blockEnd = Math.Min(whole, offset + (MaxIterationsPerBlock * Vector128<byte>.Count));
                Vector128<uint> lanes = Vector128<uint>.Zero;
                for (; offset < blockEnd; offset += Vector128<byte>.Count)
                {
                    Vector128<uint> words = Vector128.LoadUnsafe(ref start, (nuint)offset).AsUInt32();
                    lanes += (words & lowHalf) + (words >> 16);
                }

                (Vector128<ulong> lower, Vector128<ulong> upper) = Vector128.Widen(lanes);
                total += Vector128.Sum(lower + upper);
            }

            return total + SumScalar(data.Slice(offset));
        }

        /// <summary>Scalar path: 32 bits at a time, then a 16-bit word, then the odd octet.</summary>
        internal static ulong SumScalar(ReadOnlySpan<byte> data)
        {
            ref byte start = ref MemoryMarshal.GetReference(data);
            ulong total = 0;
            int offset = 0;
            for (; offset + 4 <= data.Length; offset += 4)
            {
                uint pair = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, offset));
                total += (pair & 0xFFFF) + (pair >> 16);
            }

            if (offset + 2 <= data.Length)
            {
                total += Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref start, offset));
                offset += 2;
            }

            if (offset < data.Length)
            {
                // The odd octet is the high-order byte of a word padded with zero (RFC 9293 3.1); in native
                // little-endian order that high-order byte lands in the low 8 bits.
                uint last = Unsafe.Add(ref start, offset);
                total += BitConverter.IsLittleEndian ? last : last << 8;
            }

            return total;
        }
    }
}
