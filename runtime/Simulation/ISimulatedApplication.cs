using TcpGen.Runtime.Timers;

namespace TcpGen.Runtime.Simulation
{
    /// <summary>The user of one simulated host: it makes user calls on the engine when the driver gives it a turn.</summary>
    public interface ISimulatedApplication
    {
        /// <summary>True once the application has nothing more to do (success or failure).</summary>
        bool IsFinished { get; }

        /// <summary>Makes whatever user calls are possible at <paramref name="now"/>; true if anything changed.</summary>
        bool Step(Instant now);
    }
}
