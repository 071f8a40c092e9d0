using System;

namespace TcpGen.Runtime.Codec
{
    /// <summary>
    /// The TCP options of one segment, parsed or to be built, in a fixed-size value (no allocation).
    /// Options are accepted in any segment (MUST-5): whether, say, an MSS on a non-SYN segment matters is the
    /// engine's decision. When an option appears twice, the last occurrence wins.
    /// </summary>
    public struct TcpOptions
    {
        /// <summary>At most four SACK blocks fit in 40 octets of option space (RFC 2018 3).</summary>
        public const int MaxSackBlocks = 4;

        /// <summary>The option space is at most 40 octets (Data Offset 15 words minus the 20-octet header).</summary>
        public const int MaxLength = 40;

        /// <summary>The blocks of a SACK option, most recent first (RFC 2018 4).</summary>
        private SackBlockArray _sackBlocks;

        /// <summary>How many entries of <see cref="_sackBlocks"/> are in use.</summary>
        private byte _sackBlockCount;

        /// <summary>Maximum Segment Size option (RFC 9293 3.2, MUST-14), or null when absent.</summary>
        public ushort? MaximumSegmentSize { get; set; }

        /// <summary>
        /// Window Scale shift count as received (RFC 7323 2.2), or null when absent. Values above 14 are passed
        /// through unchanged; RFC 7323 2.3 has the engine use 14 instead.
        /// </summary>
        public byte? WindowScale { get; set; }

        /// <summary>SACK-Permitted option present (RFC 2018 2).</summary>
        public bool SackPermitted { get; set; }

        /// <summary>Timestamps option (RFC 7323 3.2), or null when absent.</summary>
        public TcpTimestamps? Timestamps { get; set; }

        /// <summary>Options with a kind the codec does not implement, skipped by their length (MUST-6).</summary>
        public int UnknownOptionCount { get; set; }

        /// <summary>True when the segment carried a SACK option (possibly repeated; the last one's blocks are kept).</summary>
        public readonly bool HasSack => _sackBlockCount > 0;

        /// <summary>How many SACK blocks are held.</summary>
        public readonly int SackBlockCount => _sackBlockCount;

        /// <summary>The SACK block at <paramref name="index"/> (0 is the first one in the option).</summary>
        public readonly SackBlock GetSackBlock(int index)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, (int)_sackBlockCount);
            return _sackBlocks[index];
        }

        /// <summary>Copies the SACK blocks into <paramref name="destination"/>; returns how many were copied.</summary>
        public readonly int CopySackBlocksTo(Span<SackBlock> destination)
        {
            int count = Math.Min(destination.Length, (int)_sackBlockCount);
            for (int i = 0; i < count; i++)
            {
                destination[i] = _sackBlocks[i];
            }

            return count;
        }

        /// <summary>Appends a SACK block; false when four are already held.</summary>
        public bool TryAddSackBlock(SackBlock block)
        {
            if (_sackBlockCount >= MaxSackBlocks)
            {
                return false;
            }

            _sackBlocks[_sackBlockCount++] = block;
            return true;
        }

        /// <summary>Removes every SACK block.</summary>
        public void ClearSackBlocks() => _sackBlockCount = 0;
    }
}
