using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TcpGen.Runtime.Hosting;
using Xunit;

namespace TcpGen.Tests.Docs
{
    /// <summary>The embedding example in README.md is compiled and run, so it cannot drift from the API.</summary>
    public sealed class ReadmeExampleTest
    {
        [Fact]
        public async Task EmbeddingExampleShouldCompileAndRunAgainstTheRuntime()
        {
            string readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
            Match block = Regex.Match(readme, @"## Embedding the stack\s+```csharp\n(?<code>.*?)```", RegexOptions.Singleline);
            Assert.True(block.Success, "README.md has an '## Embedding the stack' section with a csharp block");

            string program = $$"""
                using System.Threading.Tasks;
                using TcpGen.Runtime.Codec;
                using TcpGen.Runtime.Hosting;
                using TcpGen.Runtime.Links;
                using TcpGen.Runtime.Tun;

                public static class ReadmeExample
                {
                    public static async Task RunAsync()
                    {
                {{block.Groups["code"].Value}}
                    }
                }
                """;
            var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
                .Split(Path.PathSeparator)
                .Append(typeof(TcpStack).Assembly.Location)
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path));
            CSharpCompilation compilation = CSharpCompilation.Create(
                "ReadmeExample",
                [CSharpSyntaxTree.ParseText(program, new CSharpParseOptions(LanguageVersion.Latest))],
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

            using var image = new MemoryStream();
            var emitted = compilation.Emit(image);
            Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));

            Assembly assembly = Assembly.Load(image.ToArray());
            var run = (Func<Task>)Delegate.CreateDelegate(typeof(Func<Task>), assembly.GetType("ReadmeExample")!.GetMethod("RunAsync")!);
            await run().WaitAsync(TimeSpan.FromSeconds(30));
        }
    }
}
