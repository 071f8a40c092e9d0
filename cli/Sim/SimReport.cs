using System;
using System.Globalization;
using System.IO;
using System.Text;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using TcpGen.Runtime.Links;
using TcpGen.Runtime.Simulation;

namespace TcpGen.Cli.Sim
{
    /// <summary>Prints the outcome of a <c>tcpgen sim</c> run: integrity, goodput, retransmissions, counters, faults.</summary>
    public static class SimReport
    {
        /// <summary>Writes the report of <paramref name="result"/> for <paramref name="settings"/>.</summary>
        public static void Write(TextWriter output, SimSettings settings, BulkTransferResult result)
        {
            CultureInfo c = CultureInfo.InvariantCulture;
            output.WriteLine(string.Create(c, $"sim: {settings.Bytes} bytes each way, seed {settings.Seed}; each direction: loss {Probability.Format(settings.Loss)}, reorder {Probability.Format(settings.Reorder)}, duplicate {Probability.Format(settings.Duplicate)}, corrupt {Probability.Format(settings.Corrupt)}, delay {settings.Delay.TotalMilliseconds:0.###} ms"));
            output.WriteLine(string.Create(c, $"outcome: {Outcome(result.Outcome)} after {result.VirtualDuration.TotalSeconds:0.000} s simulated, {result.WallDuration.TotalSeconds:0.000} s wall-clock; final states A {result.FinalStateA}, B {result.FinalStateB}"));
            if (result.Failure is { } failure)
            {
                output.WriteLine("failure: " + failure);
            }

            Direction(output, "A -> B", settings.Bytes, result.AToB, result.WallDuration);
            Direction(output, "B -> A", settings.Bytes, result.BToA, result.WallDuration);
            Host(output, "host A", result.CountersA, result.EventsA, result.SentByA);
            Host(output, "host B", result.CountersB, result.EventsB, result.SentByB);
            Wire(output, "wire A -> B", result.FaultsAToB);
            Wire(output, "wire B -> A", result.FaultsBToA);
            output.WriteLine(string.Create(c, $"trace: {result.PacketsSent} packets, digest {result.TraceDigest:x16} (same seed and options, same digest)"));
            output.WriteLine(result.Succeeded
                ? "result: ok, both directions arrived byte-identical"
                : "result: FAILED, " + (result.Failure ?? "the bytes differ"));
        }

        private static string Outcome(SimulationOutcome outcome) => outcome switch
        {
            SimulationOutcome.Finished => "finished",
            SimulationOutcome.Stalled => "stalled",
            SimulationOutcome.TimeLimitReached => "time limit reached",
            _ => "step limit reached",
        };

        private static void Direction(TextWriter output, string name, long bytes, TransferDirectionResult direction, TimeSpan wall)
        {
            CultureInfo c = CultureInfo.InvariantCulture;
            string verdict = direction.BytesReceived != bytes ? "INCOMPLETE" : direction.Identical ? "identical" : "DIFFERENT";
            double wallGoodput = wall > TimeSpan.Zero ? direction.BytesReceived * 8.0 / wall.TotalSeconds : 0;
            output.WriteLine(string.Create(c, $"{name}: {direction.BytesReceived} of {bytes} bytes arrived, {verdict}; goodput {Rate(direction.GoodputBitsPerSecond)} simulated, {Rate(wallGoodput)} wall-clock"));
            output.WriteLine($"  sha256 sent     {direction.SentSha256}");
            output.WriteLine($"  sha256 received {direction.ReceivedSha256}");
        }

        private static void Host(TextWriter output, string name, TcpCounters counters, HostEventCounter events, WireStatistics sent)
        {
            CultureInfo c = CultureInfo.InvariantCulture;
            output.WriteLine(string.Create(c, $"{name}: segments sent {counters.SegmentsSent}, received {counters.SegmentsReceived}; retransmissions {counters.Retransmissions}, RTOs {counters.RetransmissionTimeouts}, fast retransmits {counters.FastRetransmits}, lost retransmissions resent {counters.LostRetransmissions}, SACK holes resent {counters.SackRetransmissions}, loss probes {counters.LossProbes}, spurious undone {counters.SpuriousRetransmissions}; duplicate ACKs sent {sent.DuplicateAcks}, received {counters.DuplicateAcksReceived}; ACKs with SACK blocks sent {counters.SackAcksSent} (D-SACK {counters.DuplicateSacksSent}); unacceptable segments {events.UnacceptableSegments}; resets sent {counters.ResetsSent}, received {counters.ResetsReceived}; challenge ACKs {counters.ChallengeAcksSent}"));
            output.WriteLine($"  drops: {Drops(counters.Drops)}");
        }

        private static string Drops(DropCounters drops)
        {
            var text = new StringBuilder();
            for (int reason = 1; reason < DropReasonNames.Count; reason++)
            {
                long count = drops[(DropReason)reason];
                if (count > 0)
                {
                    text.Append(text.Length > 0 ? ", " : string.Empty)
                        .Append(DropReasonNames.Name((DropReason)reason)).Append(' ')
                        .Append(count.ToString(CultureInfo.InvariantCulture));
                }
            }

            return text.Length > 0 ? text.ToString() : "none";
        }

        private static void Wire(TextWriter output, string name, FaultCounters faults) => output.WriteLine($"{name}: {faults}");

        private static string Rate(double bitsPerSecond)
        {
            CultureInfo c = CultureInfo.InvariantCulture;
            return bitsPerSecond switch
            {
                >= 1e9 => string.Create(c, $"{bitsPerSecond / 1e9:0.00} Gbit/s"),
                >= 1e6 => string.Create(c, $"{bitsPerSecond / 1e6:0.00} Mbit/s"),
                >= 1e3 => string.Create(c, $"{bitsPerSecond / 1e3:0.00} kbit/s"),
                _ => string.Create(c, $"{bitsPerSecond:0} bit/s"),
            };
        }
    }
}
