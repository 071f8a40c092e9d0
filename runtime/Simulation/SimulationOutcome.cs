namespace TcpGen.Runtime.Simulation
{
    /// <summary>How a <see cref="SimulationDriver"/> run ended.</summary>
    public enum SimulationOutcome : byte
    {
        /// <summary>Every application finished.</summary>
        Finished,

        /// <summary>Nothing was left to happen (no packet in flight, no timer) but an application had not finished.</summary>
        Stalled,

        /// <summary>The virtual time limit passed first.</summary>
        TimeLimitReached,

        /// <summary>The step limit passed first (guards against an engine whose deadline never moves).</summary>
        StepLimitReached,
    }
}
