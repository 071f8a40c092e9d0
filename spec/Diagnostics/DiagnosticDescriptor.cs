namespace TcpGen.Spec.Diagnostics
{
    /// <summary>One entry of the catalogue: a stable id, a title and a message template.</summary>
    public sealed record DiagnosticDescriptor(string Id, string Title, Severity Severity, string MessageFormat);
}
