using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace TcpGen.Tests.Requirements
{
    public class MustCoverageReportTest
    {
        private static string ReportPath => Path.Combine(RepositoryPaths.Root, "docs", "rfc9293-must-coverage.md");

        [Fact]
        public void RequirementListCopyShouldMatchTheSharedReferenceWhereItExists()
        {
            // On a clean clone (CI) only the repository's copy exists; next to the shared reference, the two must agree.
            if (File.Exists(RequirementCatalogue.SharedTsvPath))
            {
                Assert.Equal(File.ReadAllText(RequirementCatalogue.SharedTsvPath), File.ReadAllText(RequirementCatalogue.TsvPath));
            }

            Assert.NotEmpty(RequirementCatalogue.Musts());
        }

        [Fact]
        public void CheckedInReportShouldBeCurrent()
        {
            string expected = MustCoverageReport.Render(
                RequirementCatalogue.Musts(),
                RequirementTraitScanner.Scan(Path.Combine(RepositoryPaths.Root, "tests")),
                NotApplicable.Reasons);
            string actual = File.Exists(ReportPath) ? File.ReadAllText(ReportPath) : string.Empty;

            if (actual != expected)
            {
                // Regenerate in place so the fix is one commit away; the test still fails so CI never passes on a stale report.
                File.WriteAllText(ReportPath, expected);
            }

            Assert.True(actual == expected, $"{ReportPath} was stale and has been regenerated: review and commit it.");
        }

        [Fact]
        public void TraitsShouldNameRealRequirementsAndNotApplicableShouldNotBeCovered()
        {
            var ids = new HashSet<string>(RequirementCatalogue.Musts().Select(m => m.Id));
            SortedDictionary<string, SortedSet<string>> covered = RequirementTraitScanner.Scan(Path.Combine(RepositoryPaths.Root, "tests"));

            Assert.All(covered.Keys.Where(k => k.StartsWith("MUST-", System.StringComparison.Ordinal)), id => Assert.Contains(id, ids));
            Assert.All(NotApplicable.Reasons.Keys, id => Assert.Contains(id, ids));
            Assert.All(NotApplicable.Reasons.Keys, id => Assert.False(covered.ContainsKey(id), $"{id} is marked n/a but a test covers it"));
        }

        [Fact]
        public void ScannerShouldAttributeTraitsToTheFollowingTestMethod()
        {
            SortedDictionary<string, SortedSet<string>> covered = RequirementTraitScanner.Scan(Path.Combine(RepositoryPaths.Root, "tests", "TcpGen.Tests", "Scenarios"));

            Assert.Equal(new[] { "RfcScenarioTest.SimultaneousOpenShouldPassThroughSynReceived" }, covered["MUST-10"]);
            Assert.Contains("RfcScenarioTest.ResetInEstablishedShouldTellTheUserItWasAReset", covered["MUST-12"]);
        }
    }
}
