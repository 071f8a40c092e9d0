using System;
using TcpGen.Runtime.Engine;
using TcpGen.Runtime.Links;
using TcpGen.Runtime.Simulation;
using TcpGen.Runtime.Timers;
using Xunit;
using static TcpGen.Runtime.Tests.Simulation.SimulationProfiles;

namespace TcpGen.Runtime.Tests.Simulation
{
    /// <summary>How a simulation run ends: finished, stalled, or stopped by its time or step limit.</summary>
    public class SimulationDriverTest
    {
        [Fact]
        public void RunWithNothingLeftToHappenShouldReportStalled()
        {
            // B connects to a port where A has no listener: A answers with a reset, B's application fails, and A's
            // application waits for ever with no packet in flight and no timer pending.
            using var world = new World(FaultProfile.None);
            using var connector = new TransferPeer(world.HostB, new Endpoint(BulkTransfer.AddressB, BulkTransfer.PortB), new Endpoint(BulkTransfer.AddressA, 7), 100, 1);
            var driver = new SimulationDriver(world.Clock, world.Network, world.HostA, new IdleApplication(), world.HostB, connector);

            Assert.Equal(SimulationOutcome.Stalled, driver.Run(TimeSpan.FromMinutes(10)));
            Assert.Contains("Refused", connector.Failure);
            Assert.Equal(1, world.HostA.Engine.Counters.ResetsSent);
        }

        [Fact]
        [Trait("Requirement", "MUST-22")]
        public void SynIntoABlackHoleShouldTimeOutInVirtualTime()
        {
            using var world = new World(new FaultProfile { Loss = 1.0 });
            using var connector = new TransferPeer(world.HostB, new Endpoint(BulkTransfer.AddressB, BulkTransfer.PortB), new Endpoint(BulkTransfer.AddressA, BulkTransfer.PortA), 100, 1);
            var driver = new SimulationDriver(world.Clock, world.Network, world.HostA, new IdleApplication(), world.HostB, connector);

            Assert.Equal(SimulationOutcome.Stalled, driver.Run(TimeSpan.FromHours(1)));
            Assert.Contains("TimedOut", connector.Failure);

            // R2 for a SYN is three minutes (MUST-23); the clock jumped from timer to timer instead of waiting.
            Assert.InRange(world.Clock.Now.ToTimeSpan(), TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(5));
            Assert.True(driver.ClockJumps < 50, $"{driver.ClockJumps} clock jumps");
            Assert.Equal(0, world.Network.AToBCounters.Offered);
            Assert.True(world.Network.BToACounters.Lost > 3);
        }

        [Fact]
        public void TimeLimitShouldStopALongTransfer()
        {
            BulkTransferOptions options = Options(50_000_000, 1, new FaultProfile { Delay = TimeSpan.FromMilliseconds(50) });
            options.TimeLimit = TimeSpan.FromSeconds(2);
            BulkTransferResult result = BulkTransfer.Run(options);

            Assert.Equal(SimulationOutcome.TimeLimitReached, result.Outcome);
            Assert.False(result.Succeeded);
            Assert.Contains("time limit", result.Failure);
            Assert.True(result.VirtualDuration <= TimeSpan.FromSeconds(2), result.VirtualDuration.ToString());
        }

        [Fact]
        public void StepLimitShouldStopARunThatNeverEnds()
        {
            BulkTransferOptions options = Options(1_000_000, 1, FaultProfile.None);
            options.MaxSteps = 10;
            BulkTransferResult result = BulkTransfer.Run(options);

            Assert.Equal(SimulationOutcome.StepLimitReached, result.Outcome);
            Assert.Equal(10, result.Steps);
            Assert.False(result.Succeeded);
        }

        /// <summary>An application that never does anything and never finishes.</summary>
        private sealed class IdleApplication : ISimulatedApplication
        {
            public bool IsFinished => false;

            public bool Step(Instant now) => false;
        }

        /// <summary>A clock, a wire and two hosts, for runs that are not a <see cref="BulkTransfer"/>.</summary>
        private sealed class World : IDisposable
        {
            public World(FaultProfile faults)
            {
                byte[] secretA = new byte[32];
                byte[] secretB = new byte[32];
                secretB[0] = 1;
                Network = new SimulatedNetwork(faults, faults, seed: 5, maxPacketSize: 1600);
                HostA = new SimulatedHost(NetworkSide.A, BulkTransfer.AddressA, new TcpEngine(new TcpEngineOptions(), secretA, Clock.Now), Network);
                HostB = new SimulatedHost(NetworkSide.B, BulkTransfer.AddressB, new TcpEngine(new TcpEngineOptions(), secretB, Clock.Now), Network);
            }

            public VirtualClock Clock { get; } = new();

            public SimulatedNetwork Network { get; }

            public SimulatedHost HostA { get; }

            public SimulatedHost HostB { get; }

            public void Dispose()
            {
                HostA.Dispose();
                HostB.Dispose();
            }
        }
    }
}
