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
            string edited = RepositoryPaths.ReadDsl().Replace("in TIME-WAIT on RCV-RST ignore", "in TIME-WAIT on RCV-RST -> CLOSED do DELETE-TCB");
            (GeneratorRunResult result, _) = GeneratorHarness.Run(edited);
            string text = GeneratorHarness.GeneratedText(result, "TcpTransitions.g.cs");
            string received = Path.Combine(Path.GetDirectoryName(RepositoryPaths.Root + "/tests/TcpGen.Tests/Generator/x")!, "Approved", "TcpGenGeneratorTest.TcpTransitions.received.cs");

            try
            {
                XunitException failure = Assert.ThrowsAny<XunitException>(() =>
                    Snapshot.Verify("TcpGenGeneratorTest.TcpTransitions", text, "cs", Path.Combine(RepositoryPaths.Root, "tests/TcpGen.Tests/Generator/SnapshotDiffTest.cs")));

                Assert.Contains("- ", failure.Message);
                Assert.Contains("[TIME-WAIT, RCV-RST] ignore", failure.Message);
                Assert.Contains("+ ", failure.Message);
                Assert.Contains("[TIME-WAIT, RCV-RST] -> CLOSED do DELETE-TCB", failure.Message);
                Assert.Contains("mv ", failure.Message);
            }
            finally
            {
                File.Delete(received);
            }
        }
    }
}
