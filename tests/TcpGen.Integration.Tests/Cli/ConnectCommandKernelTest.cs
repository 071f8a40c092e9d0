using System;
using System.IO;
using System.IO.Pipelines;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using TcpGen.Cli.Commands;
using TcpGen.Integration.Tests.Infrastructure;
using Xunit;

namespace TcpGen.Integration.Tests.Cli
{
    /// <summary>`tcpgen connect` against kernel servers: stdin to the peer, the peer to stdout, and one-line failures.</summary>
    public sealed class ConnectCommandKernelTest
    {
        /// <summary>How long one session may take (peer start-up included).</summary>
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

        [KernelFact]
        public async Task StdinShouldComeBackFromKernelEchoServerAndExitZero()
        {
            using NetworkNamespace ns = NetworkNamespace.Create();
            using var peer = new KernelPeerProcess(ns.Name, ["server", "--address", "0.0.0.0:7501", "--echo", "--timeout", "25"]);
            peer.WaitForLine("listening", Timeout);
            byte[] data = new byte[3 * 1024 * 1024 + 17];
            new Random(5).NextBytes(data);
            string pcap = Path.Combine(Path.GetTempPath(), "tcpgen-connect-" + Guid.NewGuid().ToString("N") + ".pcap");
            using var stdout = new MemoryStream();
            using var stderr = new StringWriter();

            try
            {
                int exit = await ConnectCommand.RunAsync(ServeCommandKernelTest.Settings(ns, "tgconn", pcap), IPEndPoint.Parse("198.18.0.1:7501"), new MemoryStream(data), stdout, stderr, CancellationToken.None).WaitAsync(Timeout);

                Assert.Equal("", stderr.ToString());
                Assert.Equal(0, exit);
                Assert.Equal(data, stdout.ToArray());
                PeerReport report = peer.WaitForReport(Timeout);
                Assert.Equal("eof", report.End);
                Assert.Equal(data.Length, report.Received);
                var capture = PcapReadBack.TcpSegments(pcap);
                Assert.Contains(capture, s => s.Tcp.Synchronize && !s.Tcp.Acknowledgment && s.Ip.SourceAddress.ToString() == "198.18.0.2");
                Assert.Contains(capture, s => s.Tcp.Finished && s.Ip.SourceAddress.ToString() == "198.18.0.1");
                Assert.Contains(capture, s => s.Tcp.Finished && s.Ip.SourceAddress.ToString() == "198.18.0.2");
            }
            finally
            {
                File.Delete(pcap);
            }
        }

        [KernelFact]
        public void BuiltTcpgenShouldPipeStdinThroughKernelEchoServerToStdout()
        {
            using NetworkNamespace ns = NetworkNamespace.Create();
            using var peer = new KernelPeerProcess(ns.Name, ["server", "--address", "0.0.0.0:7504", "--echo", "--timeout", "25"]);
            peer.WaitForLine("listening", Timeout);
            string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
            string tcpgen = typeof(ConnectCommand).Assembly.Location;

            string output = ns.Execute("bash", "-c", $"seq 1 20000 | '{dotnet}' '{tcpgen}' connect --tun tgpipe --kernel-address 198.18.0.1/24 --address 198.18.0.2 --to 198.18.0.1:7504 --stat-socket /tmp/tcpgen-it-pipe-$$.sock | sha256sum");

            string expected = ns.Execute("bash", "-c", "seq 1 20000 | sha256sum");
            Assert.Equal(expected, output);
            Assert.Equal("eof", peer.WaitForReport(Timeout).End);
        }

        [KernelFact]
        public async Task ClosedPortShouldExitOneWithRefusedLine()
        {
            using NetworkNamespace ns = NetworkNamespace.Create();
            using var stderr = new StringWriter();

            int exit = await ConnectCommand.RunAsync(ServeCommandKernelTest.Settings(ns, "tgrefuse"), IPEndPoint.Parse("198.18.0.1:7502"), new MemoryStream(), new MemoryStream(), stderr, CancellationToken.None).WaitAsync(Timeout);

            Assert.Equal(ExitCodes.Failure, exit);
            Assert.Equal("tcpgen: error: connection to 198.18.0.1:7502 refused (the peer answered with a reset: nothing listens there)\n", stderr.ToString());
        }

        [KernelFact]
        public async Task KernelResetShouldExitOneWithResetLine()
        {
            using NetworkNamespace ns = NetworkNamespace.Create();
            using var peer = new KernelPeerProcess(ns.Name, ["server", "--address", "0.0.0.0:7503", "--reset", "--close-delay", "300", "--timeout", "25"]);
            peer.WaitForLine("listening", Timeout);
            var stdin = new Pipe();
            using var stderr = new StringWriter();

            int exit = await ConnectCommand.RunAsync(ServeCommandKernelTest.Settings(ns, "tgreset"), IPEndPoint.Parse("198.18.0.1:7503"), stdin.Reader.AsStream(), new MemoryStream(), stderr, CancellationToken.None).WaitAsync(Timeout);

            Assert.Equal(ExitCodes.Failure, exit);
            Assert.Equal("tcpgen: error: connection to 198.18.0.1:7503 reset by peer\n", stderr.ToString());
            Assert.Equal("reset-sent", peer.WaitForReport(Timeout).End);
            stdin.Writer.Complete();
        }
    }
}
