using TcpGen.Runtime;

namespace TcpGen.Tests.Oracle
{
    /// <summary>
    /// What the RFC oracle says about one (state, event) cell.
    /// </summary>
    /// <param name="Next">The state after the event (the same state when the cell stays or ignores).</param>
    /// <param name="Acts">True when the RFC does something (a state change or an internal action); false for "ignore".</param>
    /// <param name="Configurations">How many times the cell is configured: exactly 1 means fully and unambiguously specified.</param>
    public readonly record struct OracleCell(TcpState Next, bool Acts, int Configurations)
    {
        /// <summary>A cell configured with Permit, PermitReentry or InternalTransition.</summary>
        public static OracleCell Acting(TcpState next) => new(next, true, 1);

        /// <summary>A cell configured with Ignore.</summary>
        public static OracleCell Ignoring(TcpState state) => new(state, false, 1);

        /// <summary>Merges a further configuration of the same cell; more than one is an oracle bug.</summary>
        public OracleCell Add(OracleCell other) =>
            Configurations == 0 ? other : this with { Configurations = Configurations + other.Configurations };
    }
}
