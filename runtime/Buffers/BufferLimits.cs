using System;

namespace TcpGen.Runtime.Buffers
{
    /// <summary>Capacity rules shared by the send and receive buffers.</summary>
    public static class BufferLimits
    {
        /// <summary>
        /// Largest capacity accepted: 2^30 octets, the largest window TCP can use with window scaling
        /// (RFC 7323 2.3); more could never be in flight or advertised.
        /// </summary>
        public const int MaximumCapacity = 1 << 30;

        /// <summary>Throws unless 1 &lt;= <paramref name="capacity"/> &lt;= <see cref="MaximumCapacity"/>.</summary>
        internal static void ValidateCapacity(int capacity, string parameterName)
        {
            if (capacity < 1 || capacity > MaximumCapacity)
            {
                throw new ArgumentOutOfRangeException(parameterName, capacity, $"Capacity must be 1 to {MaximumCapacity} bytes.");
            }
        }
    }
}
