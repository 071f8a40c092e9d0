using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
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
        public static void Verify(string name, string text, string extension, [CallerFilePath] string sourceFile = "") =>
            VerifyIn(Path.Combine(Path.GetDirectoryName(sourceFile)!, "Approved"), name, text, extension);

        public static void VerifyIn(string folder, string name, string text, string extension)
        {
            Directory.CreateDirectory(folder);
            Approvals.Verify(new Utf8Writer(Normalize(text), extension), new FixedNamer(folder, name), new UnifiedDiffReporter());
        }

        // Approved files are stored with '\n' line ends (see .gitattributes) and no BOM, whatever the OS.
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

        /// <summary>Writes the received file as UTF-8 without a byte order mark.</summary>
        private sealed class Utf8Writer : IApprovalWriter
        {
            // The text under test.
            private readonly string _text;

            // File extension without the dot, e.g. "cs" or "md".
            private readonly string _extension;

            public Utf8Writer(string text, string extension)
            {
                _text = text;
                _extension = extension;
            }

            public string GetApprovalFilename(string baseName) => $"{baseName}.approved.{_extension}";

            public string GetReceivedFilename(string baseName) => $"{baseName}.received.{_extension}";

            public string WriteReceivedFile(string received)
            {
                File.WriteAllText(received, _text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                return received;
            }
        }
    }
}
