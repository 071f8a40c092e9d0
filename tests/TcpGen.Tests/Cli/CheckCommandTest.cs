using System;
using System.Text.RegularExpressions;
using TcpGen.Spec;
using Xunit;

namespace TcpGen.Tests.Cli
{
    public class CheckCommandTest
    {
        [Fact]
        public void ValidDslShouldExitZeroWithOneSummaryLine()
        {
            using var folder = new TempFolder();
            string path = folder.Write("door.dsl", DoorDsl.Text);

            CliResult result = CliRunner.Run("check", path);

            Assert.Equal(0, result.ExitCode);
            Assert.Equal(string.Empty, result.Error);
            string summary = Assert.Single(result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("machine Door", summary, StringComparison.Ordinal);
            Assert.Contains("3 states x 4 events = 12 cells", summary, StringComparison.Ordinal);
        }

        [Fact]
        public void RealSpecShouldPassWithTheModelsCounts()
        {
            SpecCompilation compilation = SpecCompiler.Compile(RepositoryPaths.Dsl, RepositoryPaths.ReadDsl());
            Assert.NotNull(compilation.Model);

            CliResult result = CliRunner.Run("check", RepositoryPaths.Dsl);

            Assert.Equal(0, result.ExitCode);
            Assert.Contains(
                $"{compilation.Model!.States.Count} states x {compilation.Model.Events.Count} events = {compilation.Model.Cells.Count} cells",
                result.Out,
                StringComparison.Ordinal);
        }

        [Fact]
        public void WarningsShouldBePrintedToStderrAndExitZero()
        {
            using var folder = new TempFolder();
            string path = folder.Write("door.dsl", DoorDsl.Text.Replace("action BANG", "action BANG\naction SQUEAK"));

            CliResult result = CliRunner.Run("check", path);

            Assert.Equal(0, result.ExitCode);
            string warning = Assert.Single(result.ErrorLines);
            Assert.Matches(@"door\.dsl\(\d+,\d+\): warning TCPGEN012: Action SQUEAK", warning);
            Assert.Contains("1 warning(s)", result.Out, StringComparison.Ordinal);
        }

        [Fact]
        public void ErrorsShouldBePrintedLikeACompilerAndExitOne()
        {
            using var folder = new TempFolder();
            string text = DoorDsl.Text.Replace("in SHUT on PULL ignore", "in SHUT on PULL, KICK ignore");
            string path = folder.Write("door.dsl", text);
            int expectedLine = LineOf(text, "in SHUT on PULL, KICK");
            int expectedColumn = text.Split('\n')[expectedLine - 1].IndexOf("KICK", StringComparison.Ordinal) + 1;

            CliResult result = CliRunner.Run("check", path);

            Assert.Equal(1, result.ExitCode);
            Assert.Equal(string.Empty, result.Out);
            Assert.Contains(
                $"{path}({expectedLine},{expectedColumn}): error TCPGEN003: Unknown event 'KICK'",
                result.ErrorLines);
        }

        [Fact]
        public void EveryDiagnosticShouldUseTheCanonicalFormat()
        {
            using var folder = new TempFolder();

            // A missing cell (TCPGEN007) and a syntax error (TCPGEN001).
            string path = folder.Write("door.dsl", DoorDsl.Text.Replace("in SHUT on PULL ignore", "in SHUT on PULL ->"));

            CliResult result = CliRunner.Run("check", path);

            Assert.Equal(1, result.ExitCode);
            var canonical = new Regex(@"^.+\(\d+,\d+\): (error|warning) TCPGEN\d{3}: .+$");
            string[] lines = result.ErrorLines;
            Assert.True(lines.Length >= 2, result.Error);
            for (int i = 0; i < lines.Length - 1; i++)
            {
                Assert.Matches(canonical, lines[i]);
            }

            Assert.EndsWith("error(s), 0 warning(s)", lines[^1], StringComparison.Ordinal);
        }

        private static int LineOf(string text, string fragment) =>
            text.Substring(0, text.IndexOf(fragment, StringComparison.Ordinal)).Split('\n').Length;
    }
}
