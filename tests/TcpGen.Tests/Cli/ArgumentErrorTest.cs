using System;
using System.IO;
using Xunit;

namespace TcpGen.Tests.Cli
{
    /// <summary>Every unusable command line or input: exactly one line on stderr, nothing on stdout, exit code 2.</summary>
    public class ArgumentErrorTest
    {
        public static TheoryData<string[], string> BadCommandLines => new()
        {
            { Array.Empty<string>(), "Required command" },
            { new[] { "tabel", "x.dsl" }, "unknown command 'tabel'" },
            { new[] { "--bogus" }, "unknown option '--bogus'" },
            { new[] { "check" }, "Required argument missing" },
            { new[] { "table" }, "Required argument missing" },
            { new[] { "graph" }, "Required argument missing" },
            { new[] { "check", "DSL", "--format", "text" }, "unknown option '--format'" },
            { new[] { "table", "DSL", "--bogus" }, "unknown option '--bogus'" },
            { new[] { "table", "DSL", "--format", "xml" }, "--format must be one of text, markdown, csv, json, not 'xml'" },
            { new[] { "table", "DSL", "--format" }, "--format" },
            { new[] { "table", "DSL", "DSL" }, "unexpected argument" },
            { new[] { "graph", "DSL", "--format", "csv" }, "--format must be one of dot, mermaid, not 'csv'" },
            { new[] { "diff", "DSL", "DSL", "--format", "json" }, "--format must be one of text, markdown, not 'json'" },
            { new[] { "diff", "DSL" }, "diff needs two files" },
            { new[] { "diff" }, "diff needs two files" },
            { new[] { "diff", "--git", "HEAD", "DSL", "DSL" }, "at most one FILE" },
            { new[] { "diff", "--git" }, "--git" },
        };

        [Theory]
        [MemberData(nameof(BadCommandLines))]
        public void BadCommandLineShouldPrintOneErrorLineAndExitTwo(string[] args, string expected)
        {
            string[] resolved = Array.ConvertAll(args, a => a == "DSL" ? RepositoryPaths.Dsl : a);

            CliResult result = CliRunner.Run(resolved);

            result.AssertOneLineError(expected);
        }

        [Fact]
        public void UnknownCommandShouldListEveryCommandInTheHint()
        {
            CliResult result = CliRunner.Run("sever");

            result.AssertOneLineError("unknown command 'sever'; commands are demo, sim, serve, connect, stat, check, table, graph, diff");
        }

        [Theory]
        [InlineData("check")]
        [InlineData("table")]
        [InlineData("graph")]
        public void MissingFileShouldPrintOneErrorLineAndExitTwo(string command)
        {
            using var folder = new TempFolder();
            string missing = Path.Combine(folder.Path, "missing.dsl");

            CliResult result = CliRunner.Run(command, missing);

            result.AssertOneLineError($"cannot read '{missing}': file not found");
        }

        [Fact]
        public void MissingFileInDiffShouldPrintOneErrorLineAndExitTwo()
        {
            using var folder = new TempFolder();
            string present = folder.Write("old.dsl", DoorDsl.Text);
            string missing = Path.Combine(folder.Path, "nowhere", "new.dsl");

            CliResult result = CliRunner.Run("diff", present, missing, "--exit-code");

            result.AssertOneLineError($"cannot read '{missing}': file not found");
        }

        [Fact]
        public void MissingWorkingTreeFileInDiffGitShouldBeReportedBeforeGit()
        {
            using var folder = new TempFolder();
            string missing = Path.Combine(folder.Path, "nowhere", "tcp-states.dsl");

            CliResult result = CliRunner.Run("diff", "--git", "HEAD", missing);

            result.AssertOneLineError($"cannot read '{missing}': file not found");
        }

        [Fact]
        public void FolderInsteadOfFileShouldPrintOneErrorLineAndExitTwo()
        {
            using var folder = new TempFolder();

            CliResult result = CliRunner.Run("table", folder.Path);

            result.AssertOneLineError("it is a directory");
        }

        [Fact]
        public void AtSignShouldNameAFileNotAResponseFile()
        {
            using var folder = new TempFolder();
            string responseFile = folder.Write("args.rsp", "--version");

            CliResult result = CliRunner.Run("check", "@" + responseFile);

            result.AssertOneLineError($"cannot read '@{responseFile}'");
        }

        [Theory]
        [InlineData("--help")]
        [InlineData("table", "--help")]
        [InlineData("diff", "-h")]
        public void HelpShouldPrintUsageAndExitZero(params string[] args)
        {
            CliResult result = CliRunner.Run(args);

            Assert.Equal(0, result.ExitCode);
            Assert.Contains("Usage:", result.Out, StringComparison.Ordinal);
            Assert.Equal(string.Empty, result.Error);
        }
    }
}
