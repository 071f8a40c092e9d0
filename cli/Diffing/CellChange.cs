using TcpGen.Cli.Rendering;

namespace TcpGen.Cli.Diffing
{
    /// <summary>One differing cell, keyed by state and event name. Old is null when added, New is null when removed.</summary>
    public sealed record CellChange(CellChangeKind Kind, string State, string Event, CellView? Old, CellView? New);
}
