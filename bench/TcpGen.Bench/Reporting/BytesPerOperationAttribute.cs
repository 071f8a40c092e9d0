using System;

namespace TcpGen.Bench.Reporting
{
    /// <summary>
    /// How many bytes one operation of a benchmark moves (a packet parsed, a segment's payload delivered), so
    /// <see cref="ThroughputColumn"/> can turn the mean time into Gbit/s.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class BytesPerOperationAttribute : Attribute
    {
        public BytesPerOperationAttribute(int bytes) => Bytes = bytes;

        /// <summary>Bytes per operation.</summary>
        public int Bytes { get; }
    }
}
