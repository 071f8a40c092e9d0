using TcpGen.Spec.Syntax;

namespace TcpGen.Spec.Model
{
    /// <summary>An event: a user call, a classified segment arrival or a timer expiry.</summary>
    public sealed record EventInfo(string Name, string CSharpName, EventKind Kind, string? Doc, int Line) : INamedInfo;
}
