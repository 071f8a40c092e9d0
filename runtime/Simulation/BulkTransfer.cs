using System;
using System.Diagnostics;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using TcpGen.Runtime.Links;
using TcpGen.Runtime.Timers;

namespace TcpGen.Runtime.Simulation
{
    /// <summary>
    /// The simulation's standard experiment: two engines on a faulty simulated wire, A listening and B connecting,
    /// each sending a seeded stream of the same length to the other at the same time and then closing. Everything
    /// (faults, content, ISN secrets) derives from one seed, so a failing seed replays exactly.
    /// </summary>
    public static class BulkTransfer
    {
        /// <summary>Host A's address (198.18.0.0/15 is reserved for benchmarking, RFC 2544).</summary>
        public static readonly IpAddress AddressA = IpAddress.Parse("198.18.0.1");

        /// <summary>Host B's address.</summary>
        public static readonly IpAddress AddressB = IpAddress.Parse("198.18.0.2");

        /// <summary>Host A's listening port.</summary>
        public const ushort PortA = 5001;

        /// <summary>Host B's port.</summary>
        public const ushort PortB = 49152;

        /// <summary>Runs the transfer described by <paramref name="options"/>.</summary>
        public static BulkTransferResult Run(BulkTransferOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            ArgumentOutOfRangeException.ThrowIfNegative(options.BytesPerDirection);
            options.Faults.Validate();
            TcpEngineOptions engineOptions = options.EngineOptions ?? new TcpEngineOptions();
            var wallClock = Stopwatch.StartNew();
            var clock = new VirtualClock();
            Instant start = clock.Now;

            var eventsA = new HostEventCounter();
            var eventsB = new HostEventCounter();
            using var engineA = new TcpEngine(engineOptions, Secret(options.Seed, 10), start) { TransitionObserver = eventsA };
            using var engineB = new TcpEngine(engineOptions, Secret(options.Seed, 11), start) { TransitionObserver = eventsB };
            var network = new SimulatedNetwork(options.Faults, options.Faults, options.Seed, Math.Max(engineA.MaxPacketSize, 1500));
            var hostA = new SimulatedHost(NetworkSide.A, AddressA, engineA, network);
            var hostB = new SimulatedHost(NetworkSide.B, AddressB, engineB, network);
            var endpointA = new Endpoint(AddressA, PortA);
            var endpointB = new Endpoint(AddressB, PortB);
            using var peerA = new TransferPeer(hostA, endpointA, remote: null, options.BytesPerDirection, FaultRandom.DeriveSeed(options.Seed, 20));
            using var peerB = new TransferPeer(hostB, endpointB, endpointA, options.BytesPerDirection, FaultRandom.DeriveSeed(options.Seed, 21));

            var driver = new SimulationDriver(clock, network, hostA, peerA, hostB, peerB);
            SimulationOutcome outcome = driver.Run(options.TimeLimit, options.MaxSteps);

            return new BulkTransferResult
            {
                Outcome = outcome,
                Failure = peerA.Failure ?? peerB.Failure ?? Describe(outcome),
                AToB = Direction(peerA, peerB),
                BToA = Direction(peerB, peerA),
                VirtualDuration = clock.Now.ToTimeSpan() - start.ToTimeSpan(),
                WallDuration = wallClock.Elapsed,
                Steps = driver.Steps,
                PacketsSent = network.PacketsSent,
                TraceDigest = network.TraceDigest,
                CountersA = engineA.Counters,
                CountersB = engineB.Counters,
                FaultsAToB = network.AToBCounters,
                FaultsBToA = network.BToACounters,
                EventsA = eventsA,
                EventsB = eventsB,
                SentByA = network.SentBy(NetworkSide.A),
                SentByB = network.SentBy(NetworkSide.B),
                FinalStateA = peerA.LastStatus?.RfcStateName ?? "none",
                FinalStateB = peerB.LastStatus?.RfcStateName ?? "none",
            };
        }

        private static string? Describe(SimulationOutcome outcome) => outcome switch
        {
            SimulationOutcome.Finished => null,
            SimulationOutcome.Stalled => "stalled: no packet in flight and no timer pending before both sides finished",
            SimulationOutcome.TimeLimitReached => "virtual time limit reached before both sides finished",
            _ => "step limit reached before both sides finished",
        };

        private static TransferDirectionResult Direction(TransferPeer sender, TransferPeer receiver)
        {
            TimeSpan elapsed = receiver.ReceiveCompletedAt is { } done && sender.ConnectedAt is { } connected
                ? TimeSpan.FromTicks(done.MicrosecondsSince(connected) * TimeSpan.TicksPerMicrosecond)
                : TimeSpan.Zero;
            return new TransferDirectionResult(
                sender.BytesSent,
                receiver.BytesReceived,
                Convert.ToHexStringLower(sender.SentHash()),
                Convert.ToHexStringLower(receiver.ReceivedHash()),
                elapsed);
        }

        /// <summary>A 32-byte ISN secret derived from the seed (RFC 6528 wants a per-stack secret).</summary>
        private static byte[] Secret(ulong seed, ulong stream)
        {
            byte[] secret = new byte[32];
            new FaultRandom(FaultRandom.DeriveSeed(seed, stream)).NextBytes(secret);
            return secret;
        }
    }
}
