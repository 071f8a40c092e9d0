using System;
using System.Collections.Generic;
using System.Globalization;
using TcpGen.Runtime.Tun;

namespace TcpGen.E2eBench
{
    /// <summary>
    /// Runs every end-to-end measurement in one process, one after the other, and prints a table with the ratio of
    /// each bulk figure to kernel-over-veth. Usage: <c>tcpgen-e2e-bench [--seconds S]</c> (root needed).
    /// </summary>
    internal static class Program
    {
        private static int Main(string[] args)
        {
            double seconds = 3;
            if (args.Length == 2 && args[0] == "--seconds")
            {
                seconds = double.Parse(args[1], CultureInfo.InvariantCulture);
            }
            else if (args.Length != 0)
            {
                Console.Error.WriteLine("usage: tcpgen-e2e-bench [--seconds S]");
                return 2;
            }

            TimeSpan duration = TimeSpan.FromSeconds(seconds);
            var results = new List<Measurement>();
            try
            {
                results.Add(KernelBaselines.VethBulk(duration));
                results.Add(KernelBaselines.TunRawRead(duration));
                results.Add(KernelBaselines.TunRawWrite(duration));
                results.AddRange(TcpGenMeasurements.Bulk(duration));
                results.Add(KernelBaselines.VethConnectionsPerSecond(duration));
                results.AddRange(TcpGenMeasurements.ConnectionsPerSecond(duration));
            }
            catch (TunException e)
            {
                Console.Error.WriteLine("tcpgen-e2e-bench: " + e.Message);
                return 1;
            }

            double reference = results[0].GigabitsPerSecond;
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0} s per measurement, {1} cores, .NET {2}", seconds, Environment.ProcessorCount, Environment.Version));
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-34} {1,16} {2,15} {3,8}", "measurement", "throughput", "rate", "vs veth"));
            foreach (Measurement result in results)
            {
                Console.WriteLine(result.Format(reference));
            }

            return 0;
        }
    }
}
