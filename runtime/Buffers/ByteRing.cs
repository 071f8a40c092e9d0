using System;

namespace TcpGen.Runtime.Buffers
{
    /// <summary>
    /// Copy helpers for a byte ring of any capacity (not only powers of two): an index wraps by one subtraction,
    /// because every offset handled is below the capacity. A copy touches at most two contiguous pieces.
    /// </summary>
    internal static class ByteRing
    {
        /// <summary>The ring index <paramref name="offset"/> positions after <paramref name="start"/>; both below <paramref name="capacity"/>.</summary>
        public static int Wrap(int start, int offset, int capacity)
        {
            int index = start + offset;
            return index >= capacity ? index - capacity : index;
        }

        /// <summary>Copies <paramref name="source"/> into the ring starting at ring index <paramref name="start"/>.</summary>
        public static void Write(Span<byte> ring, int start, ReadOnlySpan<byte> source)
        {
            int firstPiece = Math.Min(source.Length, ring.Length - start);
            source.Slice(0, firstPiece).CopyTo(ring.Slice(start));
            source.Slice(firstPiece).CopyTo(ring);
        }

        /// <summary>Copies <paramref name="destination"/>.Length bytes out of the ring starting at ring index <paramref name="start"/>.</summary>
        public static void Read(ReadOnlySpan<byte> ring, int start, Span<byte> destination)
        {
            int firstPiece = Math.Min(destination.Length, ring.Length - start);
            ring.Slice(start, firstPiece).CopyTo(destination);
            ring.Slice(0, destination.Length - firstPiece).CopyTo(destination.Slice(firstPiece));
        }

        /// <summary>The (up to) two contiguous pieces of <paramref name="length"/> ring bytes starting at ring index <paramref name="start"/>.</summary>
        public static void Pieces(
            ReadOnlySpan<byte> ring,
            int start,
            int length,
            out ReadOnlySpan<byte> first,
            out ReadOnlySpan<byte> second)
        {
            int firstPiece = Math.Min(length, ring.Length - start);
            first = ring.Slice(start, firstPiece);
            second = ring.Slice(0, length - firstPiece);
        }
    }
}
