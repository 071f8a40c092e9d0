using System.IO;
using System.Text.RegularExpressions;
using TcpGen.Spec;
using Xunit;

namespace TcpGen.Tests.Spec
{
    /// <summary>The example in spec/README.md is real: it compiles without a diagnostic.</summary>
    public class LanguageGuideTest
    {
        [Fact]
        public void ReadmeExampleShouldCompileCleanly()
        {
            string readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "spec", "README.md"));
            string example = Regex.Match(readme, "```\n(machine Door.*?)```", RegexOptions.Singleline).Groups[1].Value;

            SpecCompilation compilation = SpecCompiler.Compile("door.dsl", example);

            Assert.Empty(compilation.Diagnostics);
            Assert.Equal(3, compilation.Model!.States.Count);
            Assert.Equal("OPEN", compilation.Model.States[2].DisplayName);
        }
    }
}
