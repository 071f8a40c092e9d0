using System.Collections.Generic;
using System.Linq;
using TcpGen.Spec.Diagnostics;
using TcpGen.Spec.Syntax;
using Xunit;

namespace TcpGen.Tests.Spec
{
    public class ParserTest
    {
        private static DocumentSyntax Parse(string text, out List<SpecDiagnostic> diagnostics)
        {
            diagnostics = new List<SpecDiagnostic>();
            return Parser.Parse("test.dsl", text, diagnostics);
        }

        [Fact]
        public void EveryDeclarationKindShouldParse()
        {
            DocumentSyntax document = Parse("""
                machine M
                state A initial
                state B-1 as B
                group G = A, B-1
                user event U
                segment event S
                timer event T
                event E
                action X
                in * on U -> stay do X [RFC 9293 §3.10.1]
                in G, A on S, T ignore
                in A on E -> B-1
                """, out List<SpecDiagnostic> diagnostics);

            Assert.Empty(diagnostics);
            Assert.Equal(12, document.Declarations.Count);
            StateSyntax b = Assert.IsType<StateSyntax>(document.Declarations[2]);
            Assert.Equal(("B-1", "B", false), (b.Name.Text, b.DisplayName!.Text, b.IsInitial));
            Assert.Equal(EventKind.Timer, Assert.IsType<EventSyntax>(document.Declarations[6]).Kind);
            RuleSyntax wildcard = Assert.IsType<RuleSyntax>(document.Declarations[9]);
            Assert.True(wildcard.IsWildcard);
            Assert.Null(wildcard.Next);
            Assert.Equal("RFC 9293 §3.10.1", wildcard.Citation);
            RuleSyntax ignore = Assert.IsType<RuleSyntax>(document.Declarations[10]);
            Assert.True(ignore.IsIgnore);
            Assert.Equal(new[] { "G", "A" }, ignore.States.Select(s => s.Text));
        }

        [Fact]
        public void DocCommentLinesShouldAttachToTheNextDeclaration()
        {
            DocumentSyntax document = Parse("""
                /// First line.
                /// Second line.
                state A initial
                // a plain comment
                # another plain comment
                state B
                """, out _);

            Assert.Equal("First line.\nSecond line.", document.Declarations[0].Doc);
            Assert.Null(document.Declarations[1].Doc);
        }

        [Fact]
        public void ArrowShouldSplitNamesWrittenWithoutSpaces()
        {
            DocumentSyntax document = Parse("in A-1 on E->B-2", out List<SpecDiagnostic> diagnostics);

            Assert.Empty(diagnostics);
            RuleSyntax rule = Assert.IsType<RuleSyntax>(Assert.Single(document.Declarations));
            Assert.Equal(("A-1", "E", "B-2"), (rule.States[0].Text, rule.Events[0].Text, rule.Next!.Text));
        }

        [Fact]
        public void SyntaxErrorShouldNameLineAndColumn()
        {
            Parse("state A initial\nin A on E => B\n", out List<SpecDiagnostic> diagnostics);

            SpecDiagnostic error = Assert.Single(diagnostics);
            Assert.Equal("TCPGEN001", error.Id);
            Assert.Equal((2, 11), (error.Location.Line, error.Location.Column));
            Assert.Equal("test.dsl(2,11): error TCPGEN001: Expected '->' or 'ignore' after the rule's events but found '='", error.ToString());
        }

        [Fact]
        public void ParserShouldRecoverAndReportOneErrorPerBrokenDeclaration()
        {
            DocumentSyntax document = Parse("""
                state A initial
                state
                state B
                in A on -> B
                event E
                """, out List<SpecDiagnostic> diagnostics);

            Assert.Equal(new[] { 3, 4 }, diagnostics.Select(d => d.Location.Line));
            Assert.Equal(new[] { "A", "B", "E" }, document.Declarations.Select(NameOf));
        }

        [Fact]
        public void KeywordUsedAsNameShouldBeASyntaxError()
        {
            Parse("state stay", out List<SpecDiagnostic> diagnostics);

            Assert.Contains("keyword 'stay'", Assert.Single(diagnostics).Message);
        }

        [Fact]
        public void UnterminatedCitationShouldBeASyntaxError()
        {
            Parse("in A on E ignore [RFC 9293\nstate B", out List<SpecDiagnostic> diagnostics);

            SpecDiagnostic error = Assert.Single(diagnostics);
            Assert.Equal((1, 18), (error.Location.Line, error.Location.Column));
        }

        [Theory]
        [InlineData("")]
        [InlineData("\uFEFF")]
        [InlineData("machine")]
        [InlineData("in * on")]
        [InlineData("in A on E -> B do")]
        [InlineData("group G =")]
        [InlineData("[[[[ ]]] ,,, -> -> * = ")]
        [InlineData("user state")]
        public void MalformedInputShouldNeverThrow(string text)
        {
            DocumentSyntax document = Parse(text, out List<SpecDiagnostic> diagnostics);

            Assert.NotNull(document);
            Assert.All(diagnostics, d => Assert.Equal("TCPGEN001", d.Id));
        }

        private static string NameOf(DeclarationSyntax declaration) => declaration switch
        {
            StateSyntax s => s.Name.Text,
            EventSyntax e => e.Name.Text,
            _ => "?",
        };
    }
}
