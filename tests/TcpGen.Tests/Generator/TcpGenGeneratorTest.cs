using System.Linq;
using Microsoft.CodeAnalysis;
using TcpGen.Tests.Snapshots;
using Xunit;

namespace TcpGen.Tests.Generator
{
    /// <summary>The generator over the real tcp-states.dsl: what it emits, and that it compiles.</summary>
    public class TcpGenGeneratorTest
    {
        private static readonly string[] HintNames =
        {
            "TcpState.g.cs", "TcpEvent.g.cs", "TcpAction.g.cs", "TcpTransition.g.cs", "TcpTransitions.g.cs",
        };

        [Fact]
        public void RealSpecShouldGenerateCodeThatCompilesWithoutDiagnostics()
        {
            (GeneratorRunResult result, Compilation output) = GeneratorHarness.Run(RepositoryPaths.ReadDsl());

            Assert.Empty(result.Diagnostics);
            Assert.Equal(HintNames.OrderBy(n => n), result.GeneratedSources.Select(s => s.HintName).OrderBy(n => n));
            Assert.DoesNotContain(output.GetDiagnostics(), d => d.Severity >= DiagnosticSeverity.Warning);
        }

        [Theory]
        [InlineData("TcpState.g.cs")]
        [InlineData("TcpEvent.g.cs")]
        [InlineData("TcpAction.g.cs")]
        [InlineData("TcpTransition.g.cs")]
        [InlineData("TcpTransitions.g.cs")]
        public void GeneratedFileShouldMatchApprovedSnapshot(string hintName)
        {
            (GeneratorRunResult result, _) = GeneratorHarness.Run(RepositoryPaths.ReadDsl());

            string text = GeneratorHarness.GeneratedText(result, hintName);

            Snapshot.Verify($"{nameof(TcpGenGeneratorTest)}.{hintName.Replace(".g.cs", string.Empty)}", text, "cs");
        }

        [Fact]
        public void TableShouldBeOneFlatArrayWithoutStaticConstructor()
        {
            (GeneratorRunResult result, Compilation output) = GeneratorHarness.Run(RepositoryPaths.ReadDsl());
            string table = GeneratorHarness.GeneratedText(result, "TcpTransitions.g.cs");

            // One static readonly array of packed cells, initialized from the image (no code of ours runs at type
            // initialization), indexed without a branch. A lookup allocating nothing, also unoptimized, is checked in
            // TcpGen.Runtime.Tests (AllocationTest), which runs on the Debug build.
            INamedTypeSymbol transitions = output.GetTypeByMetadataName("TcpGen.Runtime.TcpTransitions")!;
            Assert.DoesNotContain(transitions.StaticConstructors, c => !c.IsImplicitlyDeclared);
            IFieldSymbol field = Assert.Single(transitions.GetMembers().OfType<IFieldSymbol>(), f => !f.IsConst);
            Assert.Equal("Table", field.Name);
            Assert.True(field.IsStatic && field.IsReadOnly);
            Assert.Equal("ulong[]", field.Type.ToDisplayString());
            Assert.Contains("private static readonly ulong[] Table = new ulong[]", table);
            Assert.Contains("(uint)state * EventCount) + (uint)evt", table);
        }

        [Fact]
        public void DocCommentsAndCitationsShouldFlowIntoGeneratedDocs()
        {
            (GeneratorRunResult result, _) = GeneratorHarness.Run(RepositoryPaths.ReadDsl());
            string states = GeneratorHarness.GeneratedText(result, "TcpState.g.cs");
            string table = GeneratorHarness.GeneratedText(result, "TcpTransitions.g.cs");

            Assert.Contains("/// Our SYN is sent; waiting for a matching SYN from the peer.", states);
            Assert.Contains("[SYN-SENT, RCV-SYN] -&gt; SYN-RECEIVED-ACTIVE do RECORD-SYN, SEND-SYN-ACK", states);
            Assert.Contains("RFC 9293 §3.10.7.3", table);
            Assert.Contains("RFC 1337 §4", table);
        }
    }
}
