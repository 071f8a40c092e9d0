using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Mathematics;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace TcpGen.Bench.Reporting
{
    /// <summary>
    /// Rates derived from the mean time per operation: Gbit/s (for benchmarks marked with
    /// <see cref="BytesPerOperationAttribute"/>) or millions of operations per second.
    /// </summary>
    public sealed class ThroughputColumn : IColumn
    {
        /// <summary>Gbit/s from <see cref="BytesPerOperationAttribute"/>.</summary>
        public static readonly ThroughputColumn Gigabits = new ThroughputColumn(gigabits: true);

        /// <summary>Millions of operations (packets, segments, transitions) per second.</summary>
        public static readonly ThroughputColumn MillionOperations = new ThroughputColumn(gigabits: false);

        /// <summary>Which rate this column shows.</summary>
        private readonly bool _gigabits;

        private ThroughputColumn(bool gigabits) => _gigabits = gigabits;

        public string Id => _gigabits ? "Gbit/s" : "Mop/s";

        public string ColumnName => _gigabits ? "Gbit/s" : "M op/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => _gigabits ? 0 : 1;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => _gigabits
            ? "Bytes per operation x 8 / mean time (operation = what the benchmark's OperationsPerInvoke counts)"
            : "Millions of operations per second = 1000 / mean time in ns";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            Statistics? statistics = summary[benchmarkCase]?.ResultStatistics;
            if (statistics == null || statistics.Mean <= 0)
            {
                return "-";
            }

            double nanoseconds = statistics.Mean;
            if (!_gigabits)
            {
                return (1000.0 / nanoseconds).ToString("N1", System.Globalization.CultureInfo.InvariantCulture);
            }

            BytesPerOperationAttribute? bytes = benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<BytesPerOperationAttribute>();
            return bytes == null ? "-" : (bytes.Bytes * 8 / nanoseconds).ToString("N2", System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public override string ToString() => ColumnName;
    }
}
