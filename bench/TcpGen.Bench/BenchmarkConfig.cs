using BenchmarkDotNet.Configs;
using TcpGen.Bench.Reporting;

namespace TcpGen.Bench
{
    /// <summary>BenchmarkDotNet's defaults plus the throughput columns every result table in bench/README.md shows.</summary>
    public static class BenchmarkConfig
    {
        public static IConfig Create() => ManualConfig.Create(DefaultConfig.Instance)
            .AddColumn(ThroughputColumn.Gigabits, ThroughputColumn.MillionOperations);
    }
}
