namespace TcpGen.Spec.Model
{
    /// <summary>Something the runtime does when a transition fires.</summary>
    public sealed record ActionInfo(string Name, string CSharpName, string? Doc, int Line) : INamedInfo;
}
