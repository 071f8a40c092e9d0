using System.Collections.Generic;

namespace TcpGen.Cli.Rendering
{
    /// <summary>
    /// All state changes from one state to another, merged into one edge. Each label line is
    /// <c>EVENT, EVENT / ACTION, ACTION</c>: events that run the same actions share a line.
    /// </summary>
    public sealed record GraphEdge(int From, int To, IReadOnlyList<string> LabelLines);
}
