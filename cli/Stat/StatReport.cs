using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace TcpGen.Cli.Stat
{
    /// <summary>What a running stack answers on its stat socket (JSON): connections per state and MIB-style totals.</summary>
    public sealed class StatReport
    {
        public string Name { get; set; } = "";
        public int ProcessId { get; set; }
        public string Address { get; set; } = "";
        public SortedDictionary<string, int> States { get; set; } = new();
        public SortedDictionary<string, long> Counters { get; set; } = new();
        public SortedDictionary<string, long> Drops { get; set; } = new();
    }

    /// <summary>Source-generated JSON (no reflection) for <see cref="StatReport"/>.</summary>
    [JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.KebabCaseLower)]
    [JsonSerializable(typeof(StatReport))]
    internal sealed partial class StatJsonContext : JsonSerializerContext
    {
    }
}
