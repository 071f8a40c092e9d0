namespace TcpGen.Spec.Diagnostics
{
    /// <summary>
    /// A place in a DSL file: 1-based line and column for people, 0-based offset and length for tools.
    /// </summary>
    public readonly record struct SourceLocation(string FilePath, int Offset, int Length, int Line, int Column, int EndLine, int EndColumn)
    {
        public override string ToString() => $"{FilePath}({Line},{Column})";
    }
}
