namespace TcpGen.Spec.Diagnostics
{
    /// <summary>How bad a finding is. Errors stop code generation; warnings do not.</summary>
    public enum Severity
    {
        Warning,
        Error,
    }
}
