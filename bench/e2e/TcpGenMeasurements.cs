using System;
using System.Collections.Generic;

namespace TcpGen.E2eBench
{
    /// <summary>TcpGen against the kernel over the TUN device (filled in once the hosting layer is merged).</summary>
    internal static class TcpGenMeasurements
    {
        /// <summary>kernel → TcpGen and TcpGen → kernel bulk.</summary>
        public static IEnumerable<Measurement> Bulk(TimeSpan duration)
        {
            _ = duration;
            return Array.Empty<Measurement>();
        }

        /// <summary>kernel clients connecting to a TcpGen listener.</summary>
        public static IEnumerable<Measurement> ConnectionsPerSecond(TimeSpan duration)
        {
            _ = duration;
            return Array.Empty<Measurement>();
        }
    }
}
