using System.Linq;
using TcpGen.Spec;
using TcpGen.Spec.Diagnostics;

namespace TcpGen.Tests.Spec
{
    /// <summary>Small DSL texts for language tests, and helpers to compile them.</summary>
    public static class SpecText
    {
        /// <summary>A complete two-state machine with no diagnostics.</summary>
        public const string Minimal = """
            machine M
            state A initial
            state B
            event GO
            event BACK
            action X
            in A on GO -> B do X
            in A on BACK ignore
            in B on BACK -> A
            in B on GO ignore
            """;

        public static SpecCompilation Compile(string text) => SpecCompiler.Compile("test.dsl", text);

        public static SpecDiagnostic[] Diagnostics(string text, string id) =>
            Compile(text).Diagnostics.Where(d => d.Id == id).ToArray();
    }
}
