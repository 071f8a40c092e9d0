using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Text.RegularExpressions;
using TcpGen.Cli;
using TcpGen.Integration.Tests.Infrastructure;
using Xunit;

namespace TcpGen.Integration.Tests.Demo
{
    /// <summary><c>tcpgen demo --tun</c>: the same script as the in-memory demo, against the Linux kernel's TCP.</summary>
    public sealed class KernelDemoTest
    {
        [KernelFact]
        public void DemoOverTunShouldTalkToTheKernelAndRemoveItsNamespace()
        {
            string pcap = Path.Combine(Path.GetTempPath(), $"tcpgen-demo-{Guid.NewGuid():N}.pcap");
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            try
            {
                int exitCode = Program.Run(["demo", "--tun", "--msl", "100", "--pcap", pcap], stdout, stderr);

                string output = stdout.ToString();
                Assert.True(exitCode == 0, output + stderr);

                // The kernel's SYN,ACK answers ours, and both sides announce MSS and window scale (RFC 7323).
                Assert.Matches(@"tcpgen → kernel  \[SYN\] +Seq=0 .*MSS=\d+ WS=\d+", output);
                Assert.Matches(@"kernel → tcpgen  \[SYN, ACK\] +Seq=0 Ack=1 .*MSS=\d+ WS=\d+", output);

                // TcpGen half-closes first, reads the kernel's answer, and waits out TIME-WAIT as the active closer.
                Assert.Matches(@"tcpgen: ESTABLISHED → FIN-WAIT-1", output);
                Assert.Matches(@"tcpgen: FIN-WAIT-2 → TIME-WAIT  \(on RCV-FIN\)", output);
                Assert.Matches(@"tcpgen: TIME-WAIT → CLOSED  \(on TIME-WAIT-TIMEOUT\)", output);
                Assert.Contains("received 3000 bytes, bye", output, StringComparison.Ordinal);
                Assert.True(new FileInfo(pcap).Length > 24, "the capture holds packets");

                // The namespace the demo created (tcpgen-demo-PID) is gone again.
                string ns = Regex.Match(output, @"network namespace (tcpgen-demo-\d+)").Groups[1].Value;
                Assert.NotEmpty(ns);
                Assert.False(File.Exists("/run/netns/" + ns), ns + " still exists");
            }
            finally
            {
                File.Delete(pcap);
            }
        }

        [KernelFact]
        public void CtrlCDuringDemoOverTunShouldStillRemoveItsNamespace()
        {
            using NetworkNamespace outer = NetworkNamespace.Create();
            string pcap = Path.Combine(Path.GetTempPath(), $"tcpgen-demo-{Guid.NewGuid():N}.pcap");
            try
            {
                // A long TIME-WAIT keeps the demo running until the signal comes.
                using var demo = new KernelPeerProcess(outer.Name, typeof(Program).Assembly.Location, ["demo", "--tun", "--msl", "60000", "--pcap", pcap]);
                string banner = demo.WaitForLineStartingWith("tcpgen demo --tun:", TimeSpan.FromSeconds(60));
                string ns = Regex.Match(banner, @"network namespace (tcpgen-demo-\d+)").Groups[1].Value;
                Assert.True(File.Exists("/run/netns/" + ns), ns + " exists while the demo runs");
                WaitUntil(() => demo.Lines.Any(line => line.Contains("waits in TIME-WAIT", StringComparison.Ordinal)), demo);

                demo.Signal("INT");

                Assert.Equal(1, demo.WaitForExit(TimeSpan.FromSeconds(30)));
                Assert.Contains("tcpgen: demo interrupted", demo.Errors, StringComparison.Ordinal);
                Assert.False(File.Exists("/run/netns/" + ns), ns + " was left behind");
            }
            finally
            {
                File.Delete(pcap);
            }
        }

        private static void WaitUntil(Func<bool> condition, KernelPeerProcess process)
        {
            DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (!condition())
            {
                Assert.True(DateTime.UtcNow < deadline, "timed out; output so far:\n" + string.Join("\n", process.Lines) + process.Errors);
                Thread.Sleep(50);
            }
        }
    }
}
