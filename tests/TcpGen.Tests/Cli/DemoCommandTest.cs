using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using Xunit;

namespace TcpGen.Tests.Cli
{
    /// <summary><c>tcpgen demo</c> without --tun: two TcpGen stacks over the in-memory link, a timeline and a pcap.</summary>
    public sealed class DemoCommandTest
    {
        [Fact]
        public void DemoShouldPrintTheHandshakeTheHalfCloseAndTheFourWayCloseInOrder()
        {
            using var folder = new TempFolder();
            string pcap = Path.Combine(folder.Path, "demo.pcap");

            CliResult result = CliRunner.Run("demo", "--msl", "50", "--bytes", "5000", "--pcap", pcap);

            Assert.True(result.ExitCode == 0, result.Out + result.Error);
            string output = result.Out;

            // The three-way handshake (RFC 9293 §3.5, Figure 6) with MSS and window scale options on both SYNs.
            int syn = IndexOf(output, @"client → server  \[SYN\] +Seq=0 Win=\d+ Len=0 MSS=\d+ WS=\d+");
            int synAck = IndexOf(output, @"server → client  \[SYN, ACK\] +Seq=0 Ack=1 Win=\d+ Len=0 MSS=\d+ WS=\d+");
            int established = IndexOf(output, @"client: SYN-SENT → ESTABLISHED  \(on RCV-SYN-ACK\)");
            Assert.True(syn < synAck && synAck < established, output);

            // The client's half-close, then the server answers in CLOSE-WAIT and closes: the four-way close (§3.6).
            int finWait1 = IndexOf(output, @"client: ESTABLISHED → FIN-WAIT-1");
            int closeWait = IndexOf(output, @"server: ESTABLISHED → CLOSE-WAIT");
            int finWait2 = IndexOf(output, @"client: FIN-WAIT-1 → FIN-WAIT-2");
            int lastAck = IndexOf(output, @"server: CLOSE-WAIT → LAST-ACK");
            int timeWait = IndexOf(output, @"client: FIN-WAIT-2 → TIME-WAIT");
            int serverClosed = IndexOf(output, @"server: LAST-ACK → CLOSED");
            int clientClosed = IndexOf(output, @"client: TIME-WAIT → CLOSED  \(on TIME-WAIT-TIMEOUT\)");
            Assert.True(established < finWait1 && finWait1 < closeWait && closeWait < lastAck, output);
            Assert.True(finWait1 < finWait2 && lastAck < timeWait && timeWait < serverClosed && serverClosed < clientClosed, output);

            // Data the server read after the client's FIN proves the half-close kept the other direction open.
            Assert.Contains("received 5000 bytes, bye", output, StringComparison.Ordinal);
            Assert.EndsWith("demo: ok", output.TrimEnd(), StringComparison.Ordinal);

            // Relative sequence numbers add up: the client's FIN sits right after its 5000 bytes.
            Assert.Matches(@"client → server  \[FIN[^\]]*\] +Seq=\d+ Ack=1 Win=\d+ Len=\d+", output);
            Assert.Matches(@"server → client  \[ACK\] +Seq=1 Ack=5002 ", output);

            int reported = int.Parse(Regex.Match(output, @"(\d+) segments, \d+ state changes").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            List<byte[]> packets = ReadPcap(pcap);
            Assert.Equal(reported, packets.Count);
            Assert.All(packets, packet => Assert.Equal(0x45, packet[0])); // raw IPv4, no link header (LINKTYPE_RAW)
        }

        [Fact]
        public void DemoWithAnUnwritablePcapPathShouldFailWithOneLineAndExitTwo()
        {
            CliRunner.Run("demo", "--pcap", "/nonexistent-dir/demo.pcap").AssertOneLineError("does not exist");
        }

        [Theory]
        [InlineData("--msl", "0")]
        [InlineData("--port", "70000")]
        [InlineData("--bytes", "-1")]
        [InlineData("--bytes", "lots")]
        public void DemoWithABadValueShouldFailWithOneLineAndExitTwo(string option, string value)
        {
            CliRunner.Run("demo", option, value).AssertOneLineError(string.Empty);
        }

        private static int IndexOf(string output, string pattern)
        {
            Match match = Regex.Match(output, pattern);
            Assert.True(match.Success, $"'{pattern}' not found in:\n{output}");
            return match.Index;
        }

        /// <summary>Reads a classic pcap (microsecond, little-endian as we write it) and checks its link type is RAW (101).</summary>
        private static List<byte[]> ReadPcap(string path)
        {
            byte[] file = File.ReadAllBytes(path);
            Assert.Equal(0xa1b2c3d4u, BitConverter.ToUInt32(file, 0));
            Assert.Equal(101u, BitConverter.ToUInt32(file, 20));
            var packets = new List<byte[]>();
            int offset = 24;
            while (offset < file.Length)
            {
                int captured = BitConverter.ToInt32(file, offset + 8);
                packets.Add(file.AsSpan(offset + 16, captured).ToArray());
                offset += 16 + captured;
            }

            Assert.Equal(file.Length, offset);
            return packets;
        }
    }
}
