namespace TcpGen.Spec.Model
{
    /// <summary>A state of the machine. DisplayName is the RFC name reported to users (two machine states may share one).</summary>
    public sealed record StateInfo(string Name, string CSharpName, string DisplayName, string? Doc, bool IsInitial, int Line) : INamedInfo;
}
