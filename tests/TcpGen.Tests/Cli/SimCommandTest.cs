using System;
using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

namespace TcpGen.Tests.Cli
{
    /// <summary><c>tcpgen sim</c>: a bulk transfer both ways between two engines in the deterministic simulation.</summary>
    public sealed class SimCommandTest
    {
        [Fact]
        public void CleanRunShouldPrintEveryFieldAndExitZero()
        {
            CliResult result = CliRunner.Run("sim", "--bytes", "200000", "--seed", "4");

            Assert.True(result.ExitCode == 0, result.Out + result.Error);
            Assert.Empty(result.Error);
            string output = result.Out;
            Assert.Contains("sim: 200000 bytes each way, seed 4; each direction: loss 0%, reorder 0%, duplicate 0%, corrupt 0%, delay 5 ms", output, StringComparison.Ordinal);
            Assert.Matches(@"outcome: finished after \d+\.\d{3} s simulated, \d+\.\d{3} s wall-clock", output);
            Assert.Matches(@"A -> B: 200000 of 200000 bytes arrived, identical; goodput [\d.]+ [kMG]?bit/s simulated, [\d.]+ [kMG]?bit/s wall-clock", output);
            Assert.Matches(@"B -> A: 200000 of 200000 bytes arrived, identical", output);
            Assert.Matches(@"host A: segments sent \d+, received \d+; retransmissions 0, RTOs 0, fast retransmits 0, lost retransmissions resent 0, SACK holes resent 0, loss probes 0, spurious undone 0; duplicate ACKs sent 0, received 0; ACKs with SACK blocks sent 0 \(D-SACK 0\);", output);
            Assert.Matches(@"host B: segments sent \d+, received \d+; retransmissions 0, RTOs 0, fast retransmits 0, lost retransmissions resent 0, SACK holes resent 0, loss probes 0, spurious undone 0; duplicate ACKs sent 0, received 0; ACKs with SACK blocks sent 0 \(D-SACK 0\);", output);
            Assert.Contains("  drops: none", output, StringComparison.Ordinal);
            Assert.Matches(@"wire A -> B: offered \d+, delivered \d+, lost 0, reordered 0, duplicated 0, corrupted 0", output);
            Assert.Matches(@"trace: \d+ packets, digest [0-9a-f]{16}", output);
            Assert.EndsWith("result: ok, both directions arrived byte-identical", output.TrimEnd(), StringComparison.Ordinal);

            // Both directions print both digests, and they agree.
            foreach (Match direction in Regex.Matches(output, @"sha256 sent +([0-9a-f]{64})\s+sha256 received ([0-9a-f]{64})"))
            {
                Assert.Equal(direction.Groups[1].Value, direction.Groups[2].Value);
            }

            Assert.Equal(2, Regex.Matches(output, @"sha256 sent +[0-9a-f]{64}\s+sha256 received [0-9a-f]{64}").Count);
        }

        [Theory]
        [InlineData("1")]
        [InlineData("2")]
        [InlineData("3")]
        [InlineData("4")]
        public void FaultyRunShouldArriveIntactForSeveralSeeds(string seed)
        {
            CliResult result = CliRunner.Run("sim", "--bytes", "300KiB", "--loss", "5%", "--reorder", "5%", "--duplicate", "1%", "--corrupt", "1%", "--delay", "2", "--seed", seed);

            Assert.True(result.ExitCode == 0, result.Out + result.Error);
            Assert.Contains("A -> B: 307200 of 307200 bytes arrived, identical", result.Out, StringComparison.Ordinal);
            Assert.Contains("B -> A: 307200 of 307200 bytes arrived, identical", result.Out, StringComparison.Ordinal);
            long retransmissions = 0;
            foreach (Match host in Regex.Matches(result.Out, @"retransmissions (\d+), RTOs (\d+)"))
            {
                retransmissions += long.Parse(host.Groups[1].Value, CultureInfo.InvariantCulture);
            }

            Assert.True(retransmissions > 0, result.Out);
            Assert.Matches(@"wire A -> B: offered \d+, delivered \d+, lost [1-9]\d*, reordered [1-9]\d*", result.Out);
            // Two TcpGen hosts agree on SACK: losses and reordering leave holes that both report in SACK blocks.
            Assert.Equal(2, Regex.Matches(result.Out, @"ACKs with SACK blocks sent [1-9]\d*").Count);
        }

        [Fact]
        public void SameSeedShouldPrintTheSameTraceDigest()
        {
            string[] args = { "sim", "--bytes", "100000", "--loss", "0.05", "--reorder", "0.05", "--seed", "9" };
            string first = Regex.Match(CliRunner.Run(args).Out, @"digest ([0-9a-f]{16})").Groups[1].Value;
            string second = Regex.Match(CliRunner.Run(args).Out, @"digest ([0-9a-f]{16})").Groups[1].Value;

            Assert.NotEmpty(first);
            Assert.Equal(first, second);
        }

        [Fact]
        public void RunWhereTheBytesNeverArriveShouldExitOne()
        {
            // 99.9% loss: every SYN is lost and the connect gives up after three simulated minutes (MUST-23).
            CliResult result = CliRunner.Run("sim", "--bytes", "1000", "--loss", "99.9%", "--seed", "1");

            Assert.True(result.ExitCode == 1, result.Out + result.Error);
            Assert.Contains("A -> B: 0 of 1000 bytes arrived, INCOMPLETE", result.Out, StringComparison.Ordinal);
            Assert.Contains("result: FAILED", result.Out, StringComparison.Ordinal);
            Assert.Contains("TimedOut", result.Out, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("--bytes", "lots", "not a size")]
        [InlineData("--bytes", "-5", "not a size")]
        [InlineData("--bytes", "5GiB", "more than")]
        [InlineData("--bytes", "1.5", "whole number")]
        [InlineData("--loss", "5", "write a percentage")]
        [InlineData("--loss", "101%", "more than 100%")]
        [InlineData("--loss", "100%", "every packet")]
        [InlineData("--reorder", "-1%", "not a probability")]
        [InlineData("--duplicate", "half", "not a probability")]
        [InlineData("--corrupt", "1.5", "more than 1")]
        [InlineData("--delay", "-1", "between 0 and 60000")]
        [InlineData("--delay", "soon", "--delay")]
        [InlineData("--seed", "-1", "--seed")]
        public void BadValueShouldFailWithOneLineAndExitTwo(string option, string value, string expected)
        {
            CliRunner.Run("sim", option, value).AssertOneLineError(expected);
        }

        [Theory]
        [InlineData("64MiB", "67108864")]
        [InlineData("1000000", "1000000")]
        [InlineData("1.5MB", "1500000")]
        [InlineData("2kib", "2048")]
        [InlineData("10 B", "10")]
        public void SizesShouldBeReadWithTheirUnits(string text, string bytes)
        {
            Assert.Equal(long.Parse(bytes, CultureInfo.InvariantCulture), TcpGen.Cli.Sim.ByteSize.TryParse(text, out string error));
            Assert.Empty(error);
        }

        [Theory]
        [InlineData("5%", 0.05)]
        [InlineData("0.1%", 0.001)]
        [InlineData("0.05", 0.05)]
        [InlineData("0", 0.0)]
        [InlineData("100%", 1.0)]
        public void ProbabilitiesShouldBeReadAsPercentagesOrFractions(string text, double probability)
        {
            double? parsed = TcpGen.Cli.Sim.Probability.TryParse(text, out _);
            Assert.NotNull(parsed);
            Assert.Equal(probability, parsed!.Value, 12);
        }

        [Fact]
        public void UnknownOptionShouldListItAndExitTwo()
        {
            CliRunner.Run("sim", "--jitter", "3").AssertOneLineError("'--jitter'");
        }
    }
}
