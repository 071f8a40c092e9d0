using System.IO;
using System.Runtime.CompilerServices;
using ApprovalTests;
using ApprovalTests.Core;

namespace TcpGen.Tests.Snapshots
{
    /// <summary>
    /// Pins text as an approved file next to the test source, in an Approved/ folder, named
    /// <c>Name.approved.EXT</c> (so generated C# reads as C# in review). A mismatch fails with a
    /// unified diff in the test message and never opens a diff tool.
    /// </summary>
    public static class Snapshot
    {
        public static void Verify(string name, string text, string extension, [CallerFilePath] string sourceFile = "")
        {
            string folder = Path.Combine(Path.GetDirectoryName(sourceFile)!, "Approved");
            Directory.CreateDirectory(folder);
            Approvals.Verify(
                new ApprovalTextWriter(Normalize(text), extension),
                new FixedNamer(folder, name),
                new UnifiedDiffReporter());
        }

        // Approved files are stored with '\n' line ends (see .gitattributes) whatever the OS.
        private static string Normalize(string text) => text.Replace("\r\n", "\n").TrimStart('\uFEFF');

        /// <summary>Names approved files explicitly instead of from the stack trace.</summary>
        private sealed class FixedNamer : IApprovalNamer
        {
            public FixedNamer(string sourcePath, string name)
            {
                SourcePath = sourcePath;
                Name = name;
            }

            public string SourcePath { get; }

            public string Name { get; }
        }
    }
}
