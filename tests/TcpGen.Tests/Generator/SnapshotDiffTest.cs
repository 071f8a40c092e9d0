using System;
using System.IO;
using Microsoft.CodeAnalysis;
using TcpGen.Tests.Snapshots;
using Xunit;
using Xunit.Sdk;

namespace TcpGen.Tests.Generator
{
    /// <summary>A DSL change shows up as a failing snapshot with a readable diff of the table line.</summary>
    public class SnapshotDiffTest
    {
        [Fact]
        public void ChangedRuleShouldFailTheSnapshotWithAReadableDiff()
        {
            const string Name = "TcpGenGeneratorTest.TcpTransitions";
            string folder = Path.Combine(Path.GetTempPath(), "tcpgen-snapshot-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            File.Copy(Path.Combine(RepositoryPaths.Root, "tests/TcpGen.Tests/Generator/Approved", Name + ".approved.cs"), Path.Combine(folder, Name + ".approved.cs"));
            string edited = RepositoryPaths.ReadDsl().Replace("in TIME-WAIT on RCV-RST ignore", "in TIME-WAIT on RCV-RST -> CLOSED do DELETE-TCB");
            string text = GeneratorHarness.GeneratedText(GeneratorHarness.Run(edited).Result, "TcpTransitions.g.cs");

            try
            {
                XunitException failure = Assert.ThrowsAny<XunitException>(() => Snapshot.VerifyIn(folder, Name, text, "cs"));

                Assert.Matches(@"(?m)^- .*\[TIME-WAIT, RCV-RST\] ignore", failure.Message);
                Assert.Matches(@"(?m)^\+ .*\[TIME-WAIT, RCV-RST\] -> CLOSED do DELETE-TCB", failure.Message);
                Assert.Contains("mv ", failure.Message);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
