using System;
using System.IO;
using Xunit;

namespace TcpGen.Tests.Cli
{
    /// <summary>A scratch git repository in a temp folder, with a fixed identity so commits work anywhere.</summary>
    public sealed class GitRepository : IDisposable
    {
        // Owns the folder and deletes it with the repository.
        private readonly TempFolder _folder = new();

        public GitRepository()
        {
            Git("init", "-q");
            Git("config", "user.name", "tcpgen tests");
            Git("config", "user.email", "tests@tcpgen.invalid");
            Git("config", "commit.gpgsign", "false");
        }

        public string Root => _folder.Path;

        public string Write(string name, string text) => _folder.Write(name, text);

        public void Commit(string message)
        {
            Git("add", "-A");
            Git("commit", "-q", "-m", message);
        }

        /// <summary>Runs git in the repository and fails the test when git fails.</summary>
        public CliResult Git(params string[] args)
        {
            CliResult result = ProcessRunner.Run("git", args, Root);
            Assert.True(result.ExitCode == 0, $"git {string.Join(" ", args)} failed: {result.Error}");
            return result;
        }

        public void Dispose() => _folder.Dispose();
    }
}
