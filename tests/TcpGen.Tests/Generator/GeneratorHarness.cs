extern alias generator;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TcpGenGenerator = generator::TcpGen.Generator.TcpGenGenerator;

namespace TcpGen.Tests.Generator
{
    /// <summary>Runs the real generator in-process over a DSL text, as the compiler does during a build.</summary>
    public static class GeneratorHarness
    {
        public const string DslPath = "/repo/tcp-states.dsl";

        // Framework reference assemblies so generated code can be compiled and checked for errors.
        private static readonly Lazy<MetadataReference[]> References = new(() =>
            ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
                .Split(Path.PathSeparator)
                .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
                .ToArray());

        public static CSharpCompilation CreateCompilation(params string[] sources) =>
            CSharpCompilation.Create(
                "Consumer",
                sources.Select(s => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Latest))),
                References.Value,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        public static GeneratorDriver CreateDriver(string dslText, string rootNamespace = "TcpGen.Runtime") =>
            CreateDriver(new InMemoryAdditionalText(DslPath, dslText), rootNamespace);

        public static GeneratorDriver CreateDriver(AdditionalText dsl, string rootNamespace = "TcpGen.Runtime") =>
            CSharpGeneratorDriver.Create(
                new[] { new TcpGenGenerator().AsSourceGenerator() },
                new[] { dsl },
                new CSharpParseOptions(LanguageVersion.Latest),
                new GlobalOptionsProvider(new Dictionary<string, string> { ["build_property.RootNamespace"] = rootNamespace }),
                new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

        /// <summary>Runs the generator once; returns its result and the compilation including generated code.</summary>
        public static (GeneratorRunResult Result, Compilation Output) Run(string dslText)
        {
            GeneratorDriver driver = CreateDriver(dslText);
            driver = driver.RunGeneratorsAndUpdateCompilation(CreateCompilation("namespace Consumer { public static class Marker { } }"), out Compilation output, out ImmutableArray<Diagnostic> _);
            return (driver.GetRunResult().Results.Single(), output);
        }

        public static string GeneratedText(GeneratorRunResult result, string hintName) =>
            result.GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();
    }
}
