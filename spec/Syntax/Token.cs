using TcpGen.Spec.Diagnostics;

namespace TcpGen.Spec.Syntax
{
    /// <summary>A lexeme with its text (for citations and doc comments: the content only) and its place.</summary>
    public readonly record struct Token(TokenKind Kind, string Text, SourceLocation Location)
    {
        public bool IsKeyword(string keyword) => Kind == TokenKind.Identifier && Text == keyword;
    }
}
