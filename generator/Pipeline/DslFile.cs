namespace TcpGen.Generator.Pipeline
{
    /// <summary>A DSL AdditionalFile's path and text, as plain strings so the step caches by value.</summary>
    internal sealed record DslFile(string Path, string Text);
}
