using System;
using Microsoft.CodeAnalysis;
using TcpGen.Generator.Emit;
using TcpGen.Generator.Pipeline;
using TcpGen.Spec;
using TcpGen.Spec.Diagnostics;

namespace TcpGen.Generator
{
    /// <summary>
    /// Compiles every <c>*.dsl</c> AdditionalFile into enums and a branch-free transition table.
    /// DSL diagnostics are reported through the compiler at their DSL location, so a broken
    /// spec fails <c>dotnet build</c>.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class TcpGenGenerator : IIncrementalGenerator
    {
        /// <summary>Step names, so tests can check what the driver cached.</summary>
        public static class Steps
        {
            public const string DslFiles = "TcpGen.DslFiles";
            public const string Compile = "TcpGen.Compile";
            public const string Namespace = "TcpGen.Namespace";
            public const string Model = "TcpGen.Model";
        }

        private const string DefaultNamespace = "TcpGen.Generated";

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValuesProvider<DslFile> files = context.AdditionalTextsProvider
                .Where(static text => text.Path.EndsWith(".dsl", StringComparison.OrdinalIgnoreCase))
                .Select(static (text, cancellationToken) => new DslFile(text.Path, text.GetText(cancellationToken)?.ToString() ?? string.Empty))
                .WithTrackingName(Steps.DslFiles);

            IncrementalValuesProvider<(string Path, SpecCompilation Compilation)> compiled = files
                .Select(static (file, _) => (file.Path, SpecCompiler.Compile(file.Path, file.Text)))
                .WithTrackingName(Steps.Compile);

            IncrementalValueProvider<string> targetNamespace = context.AnalyzerConfigOptionsProvider
                .Select(static (options, _) =>
                    options.GlobalOptions.TryGetValue("build_property.RootNamespace", out string? ns) && !string.IsNullOrWhiteSpace(ns)
                        ? ns!
                        : DefaultNamespace)
                .WithTrackingName(Steps.Namespace);

            IncrementalValuesProvider<GenerationModel> models = compiled
                .Combine(targetNamespace)
                .Select(static (pair, _) => new GenerationModel(pair.Left.Path, pair.Left.Compilation, pair.Right))
                .WithTrackingName(Steps.Model);

            context.RegisterSourceOutput(models, static (production, model) => Produce(production, model));
        }

        private static void Produce(SourceProductionContext context, GenerationModel model)
        {
            foreach (SpecDiagnostic diagnostic in model.Compilation.Diagnostics)
            {
                context.ReportDiagnostic(DiagnosticMapper.ToRoslyn(diagnostic));
            }

            if (model.Compilation.Model is null)
            {
                return;
            }

            foreach (GeneratedFile file in SourceEmitter.Emit(model.Compilation.Model, model.Namespace))
            {
                context.AddSource(file.HintName, file.Text);
            }
        }
    }
}
