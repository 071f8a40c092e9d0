using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using TcpGen.Cli.Sim;
using TcpGen.Runtime.Simulation;

namespace TcpGen.Cli.Commands
{
    /// <summary>
    /// <c>tcpgen sim [--bytes N] [--loss P] [--reorder P] [--duplicate P] [--corrupt P] [--delay MS] [--seed N]</c>: two
    /// TcpGen engines in the deterministic simulation send N bytes to each other at once over a faulty wire, in
    /// virtual time; prints goodput, retransmissions, counters and both SHA-256 digests. Exit 1 if the bytes differ.
    /// </summary>
    public static class SimCommand
    {
        public static Command Create()
        {
            var bytes = new Option<string>("--bytes") { Description = "Bytes sent in each direction: 1000000, 64MiB, 1.5MB, ...", DefaultValueFactory = _ => "1MiB" };
            var loss = new Option<string>("--loss") { Description = "Probability a packet is lost, per direction: 5% or 0.05.", DefaultValueFactory = _ => "0" };
            var reorder = new Option<string>("--reorder") { Description = "Probability a packet is held back so later ones overtake it.", DefaultValueFactory = _ => "0" };
            var duplicate = new Option<string>("--duplicate") { Description = "Probability a packet is delivered twice.", DefaultValueFactory = _ => "0" };
            var corrupt = new Option<string>("--corrupt") { Description = "Probability one bit of a packet is flipped (the checksums must drop it).", DefaultValueFactory = _ => "0" };
            var delay = new Option<double>("--delay") { Description = "One-way delay in milliseconds.", DefaultValueFactory = _ => 5 };
            var seed = new Option<ulong>("--seed") { Description = "Seed of the faults, the data and the ISN secrets; the same seed replays the same run.", DefaultValueFactory = _ => 1 };
            var command = new Command("sim", "Send data both ways between two TcpGen engines over a simulated faulty wire, in virtual time, and check it arrives intact.")
            {
                bytes, loss, reorder, duplicate, corrupt, delay, seed,
            };
            command.SetAction(parseResult => Run(
                parseResult.GetRequiredValue(bytes),
                parseResult.GetRequiredValue(loss),
                parseResult.GetRequiredValue(reorder),
                parseResult.GetRequiredValue(duplicate),
                parseResult.GetRequiredValue(corrupt),
                parseResult.GetValue(delay),
                parseResult.GetValue(seed),
                CommandOutput.Out(parseResult),
                CommandOutput.Error(parseResult)));
            return command;
        }

        public static int Run(string bytes, string loss, string reorder, string duplicate, string corrupt, double delayMilliseconds, ulong seed, TextWriter stdout, TextWriter stderr)
        {
            if (ByteSize.TryParse(bytes, out string error) is not { } size)
            {
                return Usage(stderr, "--bytes: " + error);
            }

            double?[] probabilities = new double?[4];
            string[] names = { "--loss", "--reorder", "--duplicate", "--corrupt" };
            string[] values = { loss, reorder, duplicate, corrupt };
            for (int i = 0; i < values.Length; i++)
            {
                probabilities[i] = Probability.TryParse(values[i], out error);
                if (probabilities[i] is null)
                {
                    return Usage(stderr, names[i] + ": " + error);
                }
            }

            if (!(delayMilliseconds >= 0 && delayMilliseconds <= 60_000))
            {
                return Usage(stderr, "--delay must be between 0 and 60000 milliseconds, not " + delayMilliseconds.ToString(CultureInfo.InvariantCulture));
            }

            if (probabilities[0] == 1)
            {
                return Usage(stderr, "--loss 100% would lose every packet; nothing could ever arrive");
            }

            var settings = new SimSettings(
                size,
                probabilities[0]!.Value,
                probabilities[1]!.Value,
                probabilities[2]!.Value,
                probabilities[3]!.Value,
                TimeSpan.FromTicks((long)Math.Round(delayMilliseconds * TimeSpan.TicksPerMillisecond)),
                seed);
            BulkTransferResult result = BulkTransfer.Run(settings.ToOptions());
            SimReport.Write(stdout, settings, result);
            return result.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
        }

        private static int Usage(TextWriter stderr, string message)
        {
            stderr.WriteLine("tcpgen: error: " + message);
            return ExitCodes.UsageError;
        }
    }
}
