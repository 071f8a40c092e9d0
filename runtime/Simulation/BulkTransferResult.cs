using System;
using TcpGen.Runtime.Engine;
using TcpGen.Runtime.Links;

namespace TcpGen.Runtime.Simulation
{
    /// <summary>The outcome of a <see cref="BulkTransfer"/>.</summary>
    public sealed class BulkTransferResult
    {
        /// <summary>How the driver stopped.</summary>
        public required SimulationOutcome Outcome { get; init; }

        /// <summary>The first failure either side reported, or null.</summary>
        public required string? Failure { get; init; }

        /// <summary>Data from host A (the listener) to host B.</summary>
        public required TransferDirectionResult AToB { get; init; }

        /// <summary>Data from host B (the connector) to host A.</summary>
        public required TransferDirectionResult BToA { get; init; }

        /// <summary>Virtual time the whole run took.</summary>
        public required TimeSpan VirtualDuration { get; init; }

        /// <summary>Real time the run took (not part of the deterministic outcome).</summary>
        public required TimeSpan WallDuration { get; init; }

        /// <summary>Driver iterations.</summary>
        public required long Steps { get; init; }

        /// <summary>Packets both hosts put on the wire.</summary>
        public required long PacketsSent { get; init; }

        /// <summary>Fingerprint of every packet sent, in order (<see cref="SimulatedNetwork.TraceDigest"/>): equal for equal seeds.</summary>
        public required ulong TraceDigest { get; init; }

        /// <summary>Host A's engine counters.</summary>
        public required TcpCounters CountersA { get; init; }

        /// <summary>Host B's engine counters.</summary>
        public required TcpCounters CountersB { get; init; }

        /// <summary>What the wire did to A's packets.</summary>
        public required FaultCounters FaultsAToB { get; init; }

        /// <summary>What the wire did to B's packets.</summary>
        public required FaultCounters FaultsBToA { get; init; }

        /// <summary>Host A's table steps of note (RTOs, unacceptable segments).</summary>
        public required HostEventCounter EventsA { get; init; }

        /// <summary>Host B's table steps of note.</summary>
        public required HostEventCounter EventsB { get; init; }

        /// <summary>What A put on the wire, by kind of segment (duplicate ACKs included).</summary>
        public required WireStatistics SentByA { get; init; }

        /// <summary>What B put on the wire, by kind of segment.</summary>
        public required WireStatistics SentByB { get; init; }

        /// <summary>Host A's connection state at the end (RFC name).</summary>
        public required string FinalStateA { get; init; }

        /// <summary>Host B's connection state at the end (RFC name).</summary>
        public required string FinalStateB { get; init; }

        /// <summary>True when both directions arrived byte-identical and the run finished without failure.</summary>
        public bool Succeeded => Outcome == SimulationOutcome.Finished && Failure is null && AToB.Identical && BToA.Identical;
    }
}
