using System;
using System.Linq;
using Xunit;

namespace TcpGen.Tests.Cli
{
    /// <summary>
    /// tcpgen as git's textconv driver for *.dsl (README: "git diff on a .dsl"): git diff then shows
    /// the table lines of the changed cells instead of the DSL lines.
    /// </summary>
    public class GitTextconvTest
    {
        [Fact]
        public void GitDiffShouldShowTheChangedCellAsATableLine()
        {
            using var repo = new GitRepository();
            repo.Write(".gitattributes", "*.dsl diff=tcpgen\n");
            string spec = RepositoryPaths.ReadDsl();
            const string rule = "in ESTABLISHED on CLOSE -> FIN-WAIT-1 do QUEUE-FIN";
            Assert.Contains(rule, spec, StringComparison.Ordinal);
            repo.Write("tcp-states.dsl", spec);
            repo.Commit("spec");
            repo.Write("tcp-states.dsl", spec.Replace(rule, "in ESTABLISHED on CLOSE -> FIN-WAIT-1 do QUEUE-FIN, SEND-ACK", StringComparison.Ordinal));

            CliResult diff = repo.Git("-c", $"diff.tcpgen.textconv={TcpGenProcess.ShellCommand} table --format text", "diff");

            string[] removed = ChangedLines(diff.Out, '-');
            string[] added = ChangedLines(diff.Out, '+');
            string old = Assert.Single(removed);
            string now = Assert.Single(added);
            Assert.Matches(@"^-ESTABLISHED +CLOSE +FIN-WAIT-1 +QUEUE-FIN  \[", old);
            Assert.Matches(@"^\+ESTABLISHED +CLOSE +FIN-WAIT-1 +QUEUE-FIN, SEND-ACK  \[", now);
        }

        [Fact]
        public void GitDiffWithoutTheDriverShouldShowTheDslLine()
        {
            using var repo = new GitRepository();
            repo.Write(".gitattributes", "*.dsl diff=tcpgen\n");
            repo.Write("door.dsl", DoorDsl.Text);
            repo.Commit("door");
            repo.Write("door.dsl", DoorDsl.Text.Replace(DoorDsl.ShutOnPushRule, "in SHUT on PUSH -> OPEN do BANG"));

            // The control case: with no textconv configured, git shows the raw rule, so the test above
            // really depends on tcpgen.
            CliResult diff = repo.Git("diff");

            Assert.StartsWith("-in SHUT on PUSH -> OPEN do CREAK", Assert.Single(ChangedLines(diff.Out, '-')), StringComparison.Ordinal);
        }

        /// <summary>Lines of a unified diff that start with the marker, without the ---/+++ file headers.</summary>
        private static string[] ChangedLines(string diff, char marker) =>
            diff.Split('\n')
                .Where(l => l.Length > 0 && l[0] == marker && !l.StartsWith(new string(marker, 3), StringComparison.Ordinal))
                .ToArray();
    }
}
