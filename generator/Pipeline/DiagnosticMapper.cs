using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using TcpGen.Spec.Diagnostics;
using RoslynDescriptor = Microsoft.CodeAnalysis.DiagnosticDescriptor;

namespace TcpGen.Generator.Pipeline
{
    /// <summary>Turns DSL diagnostics into compiler diagnostics located in the .dsl file.</summary>
    internal static class DiagnosticMapper
    {
        private const string Category = "TcpGen";

        // One Roslyn descriptor per catalogue entry, so ids, titles and severities have a single source.
        private static readonly Dictionary<string, RoslynDescriptor> Descriptors = CreateDescriptors();

        public static Diagnostic ToRoslyn(SpecDiagnostic diagnostic)
        {
            SourceLocation at = diagnostic.Location;
            Location location = Location.Create(
                at.FilePath,
                new TextSpan(at.Offset, at.Length),
                new LinePositionSpan(new LinePosition(at.Line - 1, at.Column - 1), new LinePosition(at.EndLine - 1, at.EndColumn - 1)));
            return Diagnostic.Create(Descriptors[diagnostic.Id], location, diagnostic.Message);
        }

        private static Dictionary<string, RoslynDescriptor> CreateDescriptors()
        {
            var descriptors = new Dictionary<string, RoslynDescriptor>();
            foreach (Spec.Diagnostics.DiagnosticDescriptor entry in DiagnosticCatalogue.All)
            {
                descriptors[entry.Id] = new RoslynDescriptor(
                    entry.Id,
                    entry.Title,
                    "{0}",
                    Category,
                    entry.Severity == Severity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
                    isEnabledByDefault: true);
            }

            return descriptors;
        }
    }
}
