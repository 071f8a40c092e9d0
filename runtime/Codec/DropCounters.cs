using System.Threading;

namespace TcpGen.Runtime.Codec
{
    /// <summary>
    /// One 64-bit counter per <see cref="DropReason"/>: the engine records every dropped packet here so that
    /// malformed input is visible in metrics instead of silently lost. Recording never allocates and is safe
    /// from several threads.
    /// </summary>
    public sealed class DropCounters
    {
        /// <summary>Counter storage indexed by (int)DropReason; slot 0 (None) stays unused.</summary>
        private readonly long[] _counts = new long[DropReasonNames.Count];

        /// <summary>The count for <paramref name="reason"/>; 0 for None or an out-of-range value.</summary>
        public long this[DropReason reason]
        {
            get
            {
                int index = (int)reason;
                return index > 0 && index < _counts.Length ? Volatile.Read(ref _counts[index]) : 0;
            }
        }

        /// <summary>The sum over all reasons.</summary>
        public long Total
        {
            get
            {
                long total = 0;
                for (int i = 1; i < _counts.Length; i++)
                {
                    total += Volatile.Read(ref _counts[i]);
                }

                return total;
            }
        }

        /// <summary>Counts one drop; None and out-of-range values are ignored.</summary>
        public void Increment(DropReason reason)
        {
            int index = (int)reason;
            if (index > 0 && index < _counts.Length)
            {
                Interlocked.Increment(ref _counts[index]);
            }
        }

        /// <summary>Counts <paramref name="result"/> if it is a drop; returns <see cref="PacketParseResult.IsOk"/>.</summary>
        public bool Record(PacketParseResult result)
        {
            Increment(result.DropReason);
            return result.IsOk;
        }

        /// <summary>Reads a counter by the reason's name (see <see cref="DropReasonNames"/>).</summary>
        public bool TryGetValue(string name, out long count)
        {
            if (DropReasonNames.TryParse(name, out DropReason reason) && reason != DropReason.None)
            {
                count = this[reason];
                return true;
            }

            count = 0;
            return false;
        }

        /// <summary>Sets every counter back to zero.</summary>
        public void Reset()
        {
            for (int i = 0; i < _counts.Length; i++)
            {
                Interlocked.Exchange(ref _counts[i], 0);
            }
        }
    }
}
