using System.Collections.Generic;
using System.Text;
using TcpGen.Spec.Diagnostics;

namespace TcpGen.Spec.Syntax
{
    /// <summary>
    /// Recursive-descent parser for the grammar in spec/README.md. It never throws on bad input:
    /// each syntax error becomes a TCPGEN001 diagnostic and parsing resumes at the next declaration keyword.
    /// </summary>
    public sealed class Parser
    {
        private static readonly HashSet<string> DeclarationKeywords = new()
        {
            "machine", "state", "group", "event", "action", "in", "user", "segment", "timer",
        };

        /// <summary>Words that cannot be used as names, because the grammar gives them meaning.</summary>
        public static readonly HashSet<string> Keywords = new()
        {
            "machine", "state", "group", "event", "action", "in", "user", "segment", "timer",
            "on", "do", "ignore", "initial", "as", "stay",
        };

        // All tokens of the file, ending with EndOfFile.
        private readonly IReadOnlyList<Token> _tokens;

        // Syntax errors found so far.
        private readonly List<SpecDiagnostic> _diagnostics;

        // Index of the current token.
        private int _index;

        private Parser(IReadOnlyList<Token> tokens, List<SpecDiagnostic> diagnostics)
        {
            _tokens = tokens;
            _diagnostics = diagnostics;
        }

        public static DocumentSyntax Parse(string filePath, string text, List<SpecDiagnostic> diagnostics)
        {
            var parser = new Parser(Lexer.Tokenize(filePath, text), diagnostics);
            return new DocumentSyntax(filePath, parser.ParseDeclarations());
        }

        private Token Current => _tokens[_index];

        private Token Advance()
        {
            Token token = _tokens[_index];
            if (token.Kind != TokenKind.EndOfFile)
            {
                _index++;
            }

            return token;
        }

        private List<DeclarationSyntax> ParseDeclarations()
        {
            var declarations = new List<DeclarationSyntax>();
            while (Current.Kind != TokenKind.EndOfFile)
            {
                string? doc = ParseDocComment();
                if (Current.Kind == TokenKind.EndOfFile)
                {
                    break;
                }

                int startIndex = _index;
                DeclarationSyntax? declaration = ParseDeclaration(doc);
                if (declaration is null)
                {
                    Recover(startIndex);
                }
                else
                {
                    declarations.Add(declaration);
                }
            }

            return declarations;
        }

        private string? ParseDocComment()
        {
            StringBuilder? doc = null;
            while (Current.Kind == TokenKind.DocComment)
            {
                doc ??= new StringBuilder();
                if (doc.Length > 0)
                {
                    doc.Append('\n');
                }

                doc.Append(Advance().Text);
            }

            return doc?.ToString();
        }

        private DeclarationSyntax? ParseDeclaration(string? doc)
        {
            Token start = Current;
            if (start.Kind != TokenKind.Identifier || !DeclarationKeywords.Contains(start.Text))
            {
                Error(start, $"Expected a declaration (machine, state, group, event, action or 'in ... on ...' rule) but found {Describe(start)}");
                return null;
            }

            Advance();
            switch (start.Text)
            {
                case "machine":
                    NameSyntax? machineName = ExpectName("machine name");
                    return machineName is null ? null : new MachineSyntax(doc, start.Location, machineName);
                case "state":
                    return ParseState(doc, start);
                case "group":
                    return ParseGroup(doc, start);
                case "event":
                    return ParseEvent(doc, start, EventKind.Other);
                case "action":
                    NameSyntax? actionName = ExpectName("action name");
                    return actionName is null ? null : new ActionSyntax(doc, start.Location, actionName);
                case "in":
                    return ParseRule(doc, start);
                default:
                    // user, segment, timer: an event kind prefix.
                    if (!Current.IsKeyword("event"))
                    {
                        Error(Current, $"Expected 'event' after '{start.Text}' but found {Describe(Current)}");
                        return null;
                    }

                    Advance();
                    EventKind kind = start.Text == "user" ? EventKind.User : start.Text == "segment" ? EventKind.Segment : EventKind.Timer;
                    return ParseEvent(doc, start, kind);
            }
        }

        private StateSyntax? ParseState(string? doc, Token start)
        {
            NameSyntax? name = ExpectName("state name");
            if (name is null)
            {
                return null;
            }

            NameSyntax? display = null;
            if (Current.IsKeyword("as"))
            {
                Advance();
                display = ExpectName("display name after 'as'");
                if (display is null)
                {
                    return null;
                }
            }

            bool initial = false;
            if (Current.IsKeyword("initial"))
            {
                Advance();
                initial = true;
            }

            return new StateSyntax(doc, start.Location, name, display, initial);
        }

        private GroupSyntax? ParseGroup(string? doc, Token start)
        {
            NameSyntax? name = ExpectName("group name");
            if (name is null)
            {
                return null;
            }

            if (Current.Kind != TokenKind.Equals)
            {
                Error(Current, $"Expected '=' after group name but found {Describe(Current)}");
                return null;
            }

            Advance();
            List<NameSyntax>? members = ParseNameList("state name");
            return members is null ? null : new GroupSyntax(doc, start.Location, name, members);
        }

        private EventSyntax? ParseEvent(string? doc, Token start, EventKind kind)
        {
            NameSyntax? name = ExpectName("event name");
            return name is null ? null : new EventSyntax(doc, start.Location, name, kind);
        }

        private RuleSyntax? ParseRule(string? doc, Token start)
        {
            bool wildcard = false;
            List<NameSyntax>? states;
            if (Current.Kind == TokenKind.Star)
            {
                Advance();
                wildcard = true;
                states = new List<NameSyntax>();
            }
            else
            {
                states = ParseNameList("state, state group or '*'");
                if (states is null)
                {
                    return null;
                }
            }

            if (!Current.IsKeyword("on"))
            {
                Error(Current, $"Expected 'on' after the rule's states but found {Describe(Current)}");
                return null;
            }

            Advance();
            List<NameSyntax>? events = ParseNameList("event name");
            if (events is null)
            {
                return null;
            }

            bool ignore = false;
            NameSyntax? next = null;
            var actions = new List<NameSyntax>();
            if (Current.IsKeyword("ignore"))
            {
                Advance();
                ignore = true;
            }
            else if (Current.Kind == TokenKind.Arrow)
            {
                Advance();
                if (Current.IsKeyword("stay"))
                {
                    Advance();
                }
                else
                {
                    next = ExpectName("next state or 'stay' after '->'");
                    if (next is null)
                    {
                        return null;
                    }
                }

                if (Current.IsKeyword("do"))
                {
                    Advance();
                    List<NameSyntax>? list = ParseNameList("action name");
                    if (list is null)
                    {
                        return null;
                    }

                    actions = list;
                }
            }
            else
            {
                Error(Current, $"Expected '->' or 'ignore' after the rule's events but found {Describe(Current)}");
                return null;
            }

            string? citation = null;
            if (Current.Kind == TokenKind.Citation)
            {
                citation = Advance().Text;
            }

            return new RuleSyntax(doc, start.Location, wildcard, states, events, ignore, next, actions, citation);
        }

        private List<NameSyntax>? ParseNameList(string what)
        {
            var names = new List<NameSyntax>();
            NameSyntax? first = ExpectName(what);
            if (first is null)
            {
                return null;
            }

            names.Add(first);
            while (Current.Kind == TokenKind.Comma)
            {
                Advance();
                NameSyntax? name = ExpectName(what);
                if (name is null)
                {
                    return null;
                }

                names.Add(name);
            }

            return names;
        }

        private NameSyntax? ExpectName(string what)
        {
            Token token = Current;
            if (token.Kind != TokenKind.Identifier || Keywords.Contains(token.Text))
            {
                Error(token, $"Expected {what} but found {Describe(token)}");
                return null;
            }

            Advance();
            return new NameSyntax(token.Text, token.Location);
        }

        // Skip to the next token that can start a declaration, so one typo yields one error.
        private void Recover(int startIndex)
        {
            if (_index == startIndex)
            {
                Advance();
            }

            while (Current.Kind != TokenKind.EndOfFile
                && Current.Kind != TokenKind.DocComment
                && !(Current.Kind == TokenKind.Identifier && DeclarationKeywords.Contains(Current.Text)))
            {
                Advance();
            }
        }

        private void Error(Token at, string message) =>
            _diagnostics.Add(SpecDiagnostic.Create(DiagnosticCatalogue.SyntaxError, at.Location, message));

        private static string Describe(Token token) => token.Kind switch
        {
            TokenKind.EndOfFile => "end of file",
            TokenKind.Citation => "a citation [" + token.Text + "]",
            TokenKind.DocComment => "a doc comment",
            TokenKind.Identifier when Keywords.Contains(token.Text) => "keyword '" + token.Text + "'",
            _ => "'" + token.Text + "'",
        };
    }
}
