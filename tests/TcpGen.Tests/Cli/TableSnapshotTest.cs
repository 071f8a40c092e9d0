using TcpGen.Cli.Rendering;
using TcpGen.Spec;
using TcpGen.Tests.Snapshots;
using Xunit;

namespace TcpGen.Tests.Cli
{
    /// <summary>The rendered state table of tcp-states.dsl is pinned, so a spec change shows up as a table diff in review.</summary>
    public class TableSnapshotTest
    {
        [Fact]
        public void MarkdownTableShouldMatchApprovedSnapshot()
        {
            SpecCompilation compilation = SpecCompiler.Compile(RepositoryPaths.Dsl, RepositoryPaths.ReadDsl());

            Snapshot.Verify("TableSnapshotTest.tcp-states", MarkdownTableRenderer.Render(compilation.Model!), "md");
        }

        [Fact]
        public void TextTableShouldMatchApprovedSnapshot()
        {
            SpecCompilation compilation = SpecCompiler.Compile(RepositoryPaths.Dsl, RepositoryPaths.ReadDsl());

            Snapshot.Verify("TableSnapshotTest.tcp-states", TextTableRenderer.Render(compilation.Model!), "txt");
        }
    }
}
