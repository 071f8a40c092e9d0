namespace TcpGen.Spec.Model
{
    /// <summary>A declared member of the machine, found by its DSL name.</summary>
    public interface INamedInfo
    {
        string Name { get; }

        string CSharpName { get; }

        string? Doc { get; }

        int Line { get; }
    }
}
