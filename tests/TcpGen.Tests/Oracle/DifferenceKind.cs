namespace TcpGen.Tests.Oracle
{
    /// <summary>How the generated table departs from the RFC oracle in one cell.</summary>
    public enum DifferenceKind
    {
        /// <summary>The table enters a different state than the RFC text names.</summary>
        NextState,

        /// <summary>Same next state, but one side acts where the other ignores the event.</summary>
        IgnoreVersusAct,
    }
}
