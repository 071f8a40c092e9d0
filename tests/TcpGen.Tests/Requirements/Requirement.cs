namespace TcpGen.Tests.Requirements
{
    /// <summary>One row of RFC 9293 Appendix B (docs/rfc9293-requirements.tsv).</summary>
    public sealed record Requirement(string Id, string Level, string Feature, string Section, string Group);
}
