using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace TcpGen.Tests
{
    /// <summary>Locates files of the repository from the tests' source folder.</summary>
    public static class RepositoryPaths
    {
        /// <summary>The repository root (where TcpGen.sln lives).</summary>
        public static string Root { get; } = FindRoot();

        /// <summary>The real spec, tcp-states.dsl.</summary>
        public static string Dsl => Path.Combine(Root, "tcp-states.dsl");

        public static string ReadDsl() => File.ReadAllText(Dsl);

        private static string FindRoot([CallerFilePath] string here = "")
        {
            string? dir = Path.GetDirectoryName(here);
            while (dir is not null && !File.Exists(Path.Combine(dir, "TcpGen.sln")))
            {
                dir = Path.GetDirectoryName(dir);
            }

            if (dir is null)
            {
                // Fall back to the test's working directory (bin/...), walking up.
                dir = AppContext.BaseDirectory;
                while (dir is not null && !File.Exists(Path.Combine(dir, "TcpGen.sln")))
                {
                    dir = Path.GetDirectoryName(dir);
                }
            }

            return dir ?? throw new InvalidOperationException("Cannot find the repository root (TcpGen.sln).");
        }
    }
}
