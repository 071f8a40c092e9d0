using System;
using System.Linq;
using Xunit;

namespace TcpGen.Tests.Cli
{
    public class DiffCommandTest
    {
        [Fact]
        public void EqualTablesShouldPrintNoDifferencesAndExitZero()
        {
            using var folder = new TempFolder();
            string oldPath = folder.Write("old.dsl", DoorDsl.Text);

            // Docs, citations and layout are not behaviour: only the table counts.
            string newPath = folder.Write("new.dsl", "# reformatted\n" + DoorDsl.Text.Replace("[Door manual §2]", "[Door manual §2.1]").Replace("/// Someone pushes.", "/// A push."));

            CliResult plain = CliRunner.Run("diff", oldPath, newPath);
            CliResult strict = CliRunner.Run("diff", oldPath, newPath, "--exit-code");

            Assert.Equal(0, plain.ExitCode);
            Assert.Equal("no differences\n", plain.Out);
            Assert.Equal(0, strict.ExitCode);
            Assert.Equal("no differences\n", strict.Out);
            Assert.Equal("no differences\n", CliRunner.Run("diff", oldPath, newPath, "--format", "markdown").Out);
        }

        [Fact]
        public void ChangedCellShouldShowOldAndNewBehaviour()
        {
            using var folder = new TempFolder();
            string oldPath = folder.Write("old.dsl", DoorDsl.Text);
            string newPath = folder.Write("new.dsl", DoorDsl.Text.Replace(DoorDsl.AjarOnPushRule, "in AJAR on PUSH -> OPEN do CREAK"));

            CliResult result = CliRunner.Run("diff", oldPath, newPath);

            Assert.Equal(0, result.ExitCode);
            string[] lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(
                new[]
                {
                    "changed  in AJAR on PUSH: -> SHUT do BANG, LATCH => -> OPEN do CREAK",
                    "1 cell(s) changed, 0 added, 0 removed",
                },
                lines);
        }

        [Fact]
        public void IgnoreBecomingStayShouldCountAsAChange()
        {
            using var folder = new TempFolder();
            string oldPath = folder.Write("old.dsl", DoorDsl.Text);
            string newPath = folder.Write("new.dsl", DoorDsl.Text.Replace("in SHUT on PULL ignore", "in SHUT on PULL -> stay"));

            CliResult result = CliRunner.Run("diff", oldPath, newPath);

            Assert.Contains("changed  in SHUT on PULL: ignore => -> stay\n", result.Out, StringComparison.Ordinal);
        }

        [Fact]
        public void AddedEventShouldListItAndItsCells()
        {
            using var folder = new TempFolder();
            string oldPath = folder.Write("old.dsl", DoorDsl.Text);
            string newPath = folder.Write("new.dsl", DoorDsl.WithKnock());

            CliResult result = CliRunner.Run("diff", oldPath, newPath);

            string[] lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("events added: KNOCK", lines[0]);
            Assert.Equal(
                new[] { "added    in SHUT on KNOCK: -> stay do CREAK", "added    in OPEN on KNOCK: -> stay do CREAK", "added    in AJAR on KNOCK: -> stay do CREAK" },
                lines.Where(l => l.StartsWith("added ", StringComparison.Ordinal)));
            Assert.Equal("0 cell(s) changed, 3 added, 0 removed", lines[^1]);
        }

        [Fact]
        public void RemovedStateShouldListItsCellsAndChangedNeighbours()
        {
            using var folder = new TempFolder();
            string oldPath = folder.Write("old.dsl", DoorDsl.Text);
            string newPath = folder.Write("new.dsl", DoorDsl.WithoutAjar());

            CliResult result = CliRunner.Run("diff", oldPath, newPath, "--exit-code");

            Assert.Equal(1, result.ExitCode);
            string[] lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("states removed: AJAR", lines[0]);
            Assert.Contains("changed  in OPEN on PULL: -> AJAR => ignore", lines);
            Assert.Equal(4, lines.Count(l => l.StartsWith("removed  in AJAR on ", StringComparison.Ordinal)));
            Assert.Contains("removed  in AJAR on GUST: -> stay do CREAK", lines);
            Assert.Equal("1 cell(s) changed, 0 added, 4 removed", lines[^1]);
        }

        [Fact]
        public void MovedInitialStateShouldBeReported()
        {
            using var folder = new TempFolder();
            string oldPath = folder.Write("old.dsl", DoorDsl.Text);
            string newPath = folder.Write("new.dsl", DoorDsl.Text.Replace("state SHUT initial", "state SHUT").Replace("state OPEN\n", "state OPEN initial\n"));

            CliResult result = CliRunner.Run("diff", oldPath, newPath, "--exit-code");

            Assert.Equal(1, result.ExitCode);
            Assert.Equal("initial state: SHUT => OPEN", result.Out.Split('\n')[0]);
        }

        [Fact]
        public void ExitCodeOptionShouldDecideTheExitCodeOfADifference()
        {
            using var folder = new TempFolder();
            string oldPath = folder.Write("old.dsl", DoorDsl.Text);
            string newPath = folder.Write("new.dsl", DoorDsl.WithKnock());

            Assert.Equal(0, CliRunner.Run("diff", oldPath, newPath).ExitCode);
            Assert.Equal(1, CliRunner.Run("diff", oldPath, newPath, "--exit-code").ExitCode);
            Assert.Equal(1, CliRunner.Run("diff", "--exit-code", oldPath, newPath, "--format", "markdown").ExitCode);
        }

        [Fact]
        public void MarkdownShouldListChangesInATable()
        {
            using var folder = new TempFolder();
            string oldPath = folder.Write("old.dsl", DoorDsl.WithKnock());
            string newPath = folder.Write("new.dsl", DoorDsl.Text.Replace(DoorDsl.AjarOnPushRule, "in AJAR on PUSH -> OPEN do CREAK"));

            CliResult result = CliRunner.Run("diff", oldPath, newPath, "--format", "markdown");

            Assert.Equal(0, result.ExitCode);
            Assert.StartsWith("## State table changes\n\n- Events removed: `KNOCK`\n\n| Change | State | Event | Old | New |\n", result.Out, StringComparison.Ordinal);
            Assert.Contains("| changed | AJAR | PUSH | → SHUT: BANG, LATCH | → OPEN: CREAK |\n", result.Out, StringComparison.Ordinal);
            Assert.Contains("| removed | OPEN | KNOCK | stay: CREAK |  |\n", result.Out, StringComparison.Ordinal);
        }

        [Fact]
        public void InvalidNewFileShouldPrintDiagnosticsAndExitOne()
        {
            using var folder = new TempFolder();
            string oldPath = folder.Write("old.dsl", DoorDsl.Text);
            string newPath = folder.Write("new.dsl", DoorDsl.Text.Replace("do LATCH", "do LOCK"));

            CliResult result = CliRunner.Run("diff", oldPath, newPath, "--exit-code");

            Assert.Equal(1, result.ExitCode);
            Assert.Equal(string.Empty, result.Out);
            Assert.Contains(result.ErrorLines, l => l.StartsWith(newPath + "(", StringComparison.Ordinal) && l.Contains("error TCPGEN004", StringComparison.Ordinal));
        }

        [Fact]
        public void GitRevisionShouldCompareTheCommittedFileWithTheWorkingTree()
        {
            using var repo = new GitRepository();
            string path = repo.Write("door.dsl", DoorDsl.Text);
            repo.Commit("door");
            repo.Write("door.dsl", DoorDsl.Text.Replace(DoorDsl.ShutOnPushRule, "in SHUT on PUSH -> OPEN do CREAK, BANG"));

            CliResult result = CliRunner.Run("diff", "--git", "HEAD", path, "--exit-code");

            Assert.Equal(1, result.ExitCode);
            Assert.Equal(string.Empty, result.Error);
            Assert.Contains("changed  in SHUT on PUSH: -> OPEN do CREAK => -> OPEN do CREAK, BANG\n", result.Out, StringComparison.Ordinal);
        }

        [Fact]
        public void GitRevisionShouldFindFilesInSubfoldersOfTheRepository()
        {
            using var repo = new GitRepository();
            System.IO.Directory.CreateDirectory(System.IO.Path.Combine(repo.Root, "specs"));
            string path = repo.Write("specs/door.dsl", DoorDsl.Text);
            repo.Commit("door");
            repo.Write("specs/door.dsl", DoorDsl.WithKnock());
            repo.Commit("knock");

            CliResult older = CliRunner.Run("diff", "--git", "HEAD~1", path);
            CliResult same = CliRunner.Run("diff", "--git", "HEAD", path, "--exit-code");

            Assert.Equal(0, older.ExitCode);
            Assert.StartsWith("events added: KNOCK\n", older.Out, StringComparison.Ordinal);
            Assert.Equal(0, same.ExitCode);
            Assert.Equal("no differences\n", same.Out);
        }

        [Fact]
        public void GitRevisionWithoutFileShouldUseTcpStatesDslInTheCurrentFolder()
        {
            using var repo = new GitRepository();
            repo.Write("tcp-states.dsl", DoorDsl.Text);
            repo.Commit("door as the spec");
            repo.Write("tcp-states.dsl", DoorDsl.Text.Replace("in SHUT on PULL ignore", "in SHUT on PULL -> stay do CREAK"));

            // Out of process: the current folder is per process, and tests run in parallel.
            CliResult result = TcpGenProcess.Run(repo.Root, "diff", "--git", "HEAD");

            Assert.True(result.ExitCode == 0, result.Error);
            Assert.Contains("changed  in SHUT on PULL: ignore => -> stay do CREAK\n", result.Out, StringComparison.Ordinal);
        }

        [Fact]
        public void BadGitRevisionShouldPrintOneLineAndExitTwo()
        {
            using var repo = new GitRepository();
            string path = repo.Write("door.dsl", DoorDsl.Text);
            repo.Commit("door");

            CliResult result = CliRunner.Run("diff", "--git", "no-such-revision", path);

            Assert.Equal(2, result.ExitCode);
            Assert.Equal(string.Empty, result.Out);
            string line = Assert.Single(result.ErrorLines);
            Assert.StartsWith("tcpgen: error: git show no-such-revision:door.dsl failed: ", line, StringComparison.Ordinal);
        }

        [Fact]
        public void FileMissingAtTheRevisionShouldPrintOneLineAndExitTwo()
        {
            using var repo = new GitRepository();
            repo.Write("other.dsl", DoorDsl.Text);
            repo.Commit("other");
            string path = repo.Write("door.dsl", DoorDsl.Text);

            CliResult result = CliRunner.Run("diff", "--git", "HEAD", path);

            Assert.Equal(2, result.ExitCode);
            Assert.StartsWith("tcpgen: error: git show HEAD:door.dsl failed: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        }
    }
}
