using System.Globalization;

namespace TcpGen.Spec.Diagnostics
{
    /// <summary>A finding about a DSL file, formatted like a compiler message.</summary>
    public sealed record SpecDiagnostic(string Id, Severity Severity, string Message, SourceLocation Location)
    {
        public static SpecDiagnostic Create(DiagnosticDescriptor descriptor, SourceLocation location, params object[] args) =>
            new SpecDiagnostic(
                descriptor.Id,
                descriptor.Severity,
                string.Format(CultureInfo.InvariantCulture, descriptor.MessageFormat, args),
                location);

        public bool IsError => Severity == Severity.Error;

        /// <summary>MSBuild's canonical error format, so editors and CI logs make it clickable.</summary>
        public override string ToString() =>
            $"{Location.FilePath}({Location.Line},{Location.Column}): {(IsError ? "error" : "warning")} {Id}: {Message}";
    }
}
