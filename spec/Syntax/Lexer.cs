using System.Collections.Generic;
using TcpGen.Spec.Diagnostics;

namespace TcpGen.Spec.Syntax
{
    /// <summary>
    /// Splits DSL text into tokens. Names may contain '-' (RFC style: SYN-RECEIVED) but never start with it,
    /// and "->" is always the arrow. '#' and '//' start comments; '///' is a doc comment and becomes a token.
    /// </summary>
    public sealed class Lexer
    {
        // The file name that every token's location carries.
        private readonly string _filePath;

        // The whole DSL text.
        private readonly string _text;

        // Tokens found so far.
        private readonly List<Token> _tokens = new();

        // Current offset into _text.
        private int _position;

        // 1-based line of _position.
        private int _line = 1;

        // Offset at which the current line starts, to derive 1-based columns.
        private int _lineStart;

        private Lexer(string filePath, string text)
        {
            _filePath = filePath;
            _text = text;
        }

        public static IReadOnlyList<Token> Tokenize(string filePath, string text)
        {
            var lexer = new Lexer(filePath, text);
            lexer.Run();
            return lexer._tokens;
        }

        public static bool IsNameStart(char c) => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';

        public static bool IsNamePart(char c) => IsNameStart(c) || (c >= '0' && c <= '9') || c == '-';

        private void Run()
        {
            while (_position < _text.Length)
            {
                char c = _text[_position];
                if (c == '\n')
                {
                    _position++;
                    _line++;
                    _lineStart = _position;
                }
                else if (c == ' ' || c == '\t' || c == '\r' || c == '\uFEFF')
                {
                    _position++;
                }
                else if (c == '/' && Peek(1) == '/' && Peek(2) == '/' && Peek(3) != '/')
                {
                    int start = _position;
                    SkipToEndOfLine();
                    _tokens.Add(Make(TokenKind.DocComment, start, _text.Substring(start + 3, _position - start - 3).Trim()));
                }
                else if (c == '#' || (c == '/' && Peek(1) == '/'))
                {
                    SkipToEndOfLine();
                }
                else if (IsNameStart(c))
                {
                    int start = _position;
                    while (_position < _text.Length && IsNamePart(_text[_position]) && !(_text[_position] == '-' && Peek(1) == '>'))
                    {
                        _position++;
                    }

                    _tokens.Add(Make(TokenKind.Identifier, start, _text.Substring(start, _position - start)));
                }
                else if (c == '-' && Peek(1) == '>')
                {
                    _position += 2;
                    _tokens.Add(Make(TokenKind.Arrow, _position - 2, "->"));
                }
                else if (c == '[')
                {
                    LexCitation();
                }
                else
                {
                    _position++;
                    TokenKind kind = c switch
                    {
                        '*' => TokenKind.Star,
                        ',' => TokenKind.Comma,
                        '=' => TokenKind.Equals,
                        _ => TokenKind.Unexpected,
                    };
                    _tokens.Add(Make(kind, _position - 1, c.ToString()));
                }
            }

            _tokens.Add(Make(TokenKind.EndOfFile, _position, string.Empty));
        }

        // A citation runs from '[' to ']' on one line; an unterminated one becomes an Unexpected token.
        private void LexCitation()
        {
            int start = _position;
            int end = _position + 1;
            while (end < _text.Length && _text[end] != ']' && _text[end] != '\n')
            {
                end++;
            }

            if (end < _text.Length && _text[end] == ']')
            {
                _position = end + 1;
                _tokens.Add(Make(TokenKind.Citation, start, _text.Substring(start + 1, end - start - 1).Trim()));
            }
            else
            {
                _position = end;
                _tokens.Add(Make(TokenKind.Unexpected, start, "["));
            }
        }

        private char Peek(int ahead) => _position + ahead < _text.Length ? _text[_position + ahead] : '\0';

        private void SkipToEndOfLine()
        {
            while (_position < _text.Length && _text[_position] != '\n')
            {
                _position++;
            }
        }

        private Token Make(TokenKind kind, int start, string text)
        {
            int column = start - _lineStart + 1;
            int length = _position - start;
            return new Token(kind, text, new SourceLocation(_filePath, start, length, _line, column, _line, column + length));
        }
    }
}
