using TcpGen.Runtime;

namespace TcpGen.Tests.Oracle
{
    /// <summary>A cell where the table deliberately departs from the literal RFC 9293 text.</summary>
    /// <param name="State">The state of the cell.</param>
    /// <param name="Event">The event of the cell.</param>
    /// <param name="Kind">Which comparison differs, so the entry cannot hide a different kind of mismatch.</param>
    /// <param name="Reason">Why the departure is right, citing the RFC that supports it.</param>
    public sealed record KnownDifference(TcpState State, TcpEvent Event, DifferenceKind Kind, string Reason);
}
