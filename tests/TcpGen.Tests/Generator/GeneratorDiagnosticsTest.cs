using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace TcpGen.Tests.Generator
{
    /// <summary>A broken DSL surfaces as compiler errors located in the DSL, and generates nothing.</summary>
    public class GeneratorDiagnosticsTest
    {
        private static readonly string Dsl = RepositoryPaths.ReadDsl();

        [Fact]
        public void DeletedRuleShouldReportIncompleteStateAtItsDeclaration()
        {
            string broken = DslMutations.DeleteRule(Dsl);

            Diagnostic error = SingleError(broken);

            Assert.Equal("TCPGEN007", error.Id);
            Assert.Contains("ESTABLISHED", error.GetMessage());
            Assert.Contains("RCV-FIN", error.GetMessage());
            AssertAt(error, DslMutations.LineOf(broken, "state ESTABLISHED"), column: 7);
        }

        [Fact]
        public void DuplicatedRuleShouldReportNondeterminismAtTheCopy()
        {
            string broken = DslMutations.DuplicateRule(Dsl);

            Diagnostic error = SingleError(broken);

            Assert.Equal("TCPGEN006", error.Id);
            Assert.Contains("LISTEN", error.GetMessage());
            AssertAt(error, DslMutations.LineOf(Dsl, DslMutations.DuplicatedRule) + 1, column: 1);
        }

        [Fact]
        public void MisspelledStateShouldReportUnknownStateAtTheName()
        {
            string broken = DslMutations.MisspellState(Dsl);

            Diagnostic error = SingleError(broken);

            Assert.Equal("TCPGEN002", error.Id);
            Assert.Contains("ESTABLISHD", error.GetMessage());
            AssertAt(error, DslMutations.LineOf(Dsl, DslMutations.MisspelledRule), DslMutations.MisspelledColumn(Dsl));
        }

        [Fact]
        public void BrokenSpecShouldGenerateNoSource()
        {
            (GeneratorRunResult result, _) = GeneratorHarness.Run(DslMutations.MisspellState(Dsl));

            Assert.Empty(result.GeneratedSources);
        }

        [Fact]
        public void SyntaxErrorShouldBeReportedWithFilePathLineAndColumn()
        {
            string broken = Dsl + "\nin LISTEN on RCV-SYN => CLOSED\n";

            Diagnostic error = Assert.Single(GeneratorHarness.Run(broken).Result.Diagnostics, d => d.Id == "TCPGEN001");

            Assert.Equal(DiagnosticSeverity.Error, error.Severity);
            AssertAt(error, DslMutations.Lines(broken).Length - 1, column: 22);
            Assert.Contains("tcp-states.dsl(", error.ToString());
        }

        [Fact]
        public void WarningsShouldNotStopGeneration()
        {
            string withUnusedAction = Dsl + "\naction NEVER-USED\n";

            (GeneratorRunResult result, _) = GeneratorHarness.Run(withUnusedAction);

            Diagnostic warning = Assert.Single(result.Diagnostics);
            Assert.Equal("TCPGEN012", warning.Id);
            Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
            Assert.NotEmpty(result.GeneratedSources);
        }

        private static Diagnostic SingleError(string dsl) =>
            Assert.Single(GeneratorHarness.Run(dsl).Result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);

        private static void AssertAt(Diagnostic diagnostic, int line, int column)
        {
            FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
            Assert.Equal(GeneratorHarness.DslPath, span.Path);
            Assert.Equal((line, column), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
        }
    }
}
