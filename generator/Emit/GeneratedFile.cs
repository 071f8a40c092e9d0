namespace TcpGen.Generator.Emit
{
    /// <summary>One generated source file.</summary>
    public sealed record GeneratedFile(string HintName, string Text);
}
