using TcpGen.Spec.Common;

namespace TcpGen.Spec.Model
{
    /// <summary>
    /// What the machine does in one (state, event) pair: go to Next and run Actions in order,
    /// or nothing at all when IsIgnore (then Next is State and Actions is empty).
    /// RuleLine is the line of the DSL rule that decided this cell.
    /// </summary>
    public sealed record Cell(int State, int Event, bool IsIgnore, int Next, EquatableArray<int> Actions, string? Citation, string? Doc, int RuleLine);
}
