using System;
using System.Globalization;

namespace TcpGen.E2eBench
{
    /// <summary>One line of the result table: how much moved in how long.</summary>
    internal sealed record Measurement(string Name, long Bytes, long Packets, TimeSpan Elapsed, string Note = "")
    {
        /// <summary>Payload (or packet) bits per second, in Gbit/s.</summary>
        public double GigabitsPerSecond => Bytes * 8 / Elapsed.TotalSeconds / 1e9;

        /// <summary>Packets (or connections) per second.</summary>
        public double PerSecond => Packets / Elapsed.TotalSeconds;

        /// <summary>A fixed-width table row.</summary>
        public string Format(double? reference) => string.Format(
            CultureInfo.InvariantCulture,
            "{0,-34} {1,9:F2} Gbit/s {2,12:N0} /s {3,8} {4}",
            Name,
            GigabitsPerSecond,
            PerSecond,
            reference is double r && r > 0 && Bytes > 0 ? (GigabitsPerSecond / r).ToString("P0", CultureInfo.InvariantCulture) : "",
            Note);
    }
}
