using System.Collections.Generic;

namespace TcpGen.Tests.Requirements
{
    /// <summary>RFC 9293 MUSTs that do not apply to this engine, each with the reason.</summary>
    public static class NotApplicable
    {
        public static readonly IReadOnlyDictionary<string, string> Reasons = new Dictionary<string, string>
        {
            ["MUST-51"] = "IP source routing: the engine sends over a TUN/in-memory link with no IP options; source routes are deprecated (RFC 7126) and never offered to applications.",
            ["MUST-52"] = "IP source routing (see MUST-51): received IP options are skipped, never interpreted.",
            ["MUST-53"] = "IP source routing (see MUST-51): no return routes are built.",
            ["MUST-44"] = "The sans-IO engine has no IP layer or routing table to ask: OPEN takes the local address (MUST-43), which the hosting layer takes from its link, and an unspecified one is refused.",
        };
    }
}
