namespace TcpGen.Spec.Syntax
{
    /// <summary>The lexical classes of the DSL. Keywords are identifiers the parser recognises by position.</summary>
    public enum TokenKind
    {
        Identifier,
        Star,
        Comma,
        Equals,
        Arrow,
        Citation,
        DocComment,
        Unexpected,
        EndOfFile,
    }
}
