using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using PacketDotNet;
using TcpGen.Cli.Apps;
using TcpGen.Cli.Commands;
using TcpGen.Cli.Serve;
using TcpGen.Integration.Tests.Infrastructure;
using TcpGen.Runtime.Tun;
using Xunit;

namespace TcpGen.Integration.Tests.Cli
{
    /// <summary>
    /// `tcpgen serve` against the kernel: the built tcpgen run with `ip netns exec` and fetched from with curl, then
    /// stopped with SIGTERM; and in-process with the device in the test's namespace, served to kernel peers.
    /// </summary>
    public sealed class ServeCommandKernelTest : IDisposable
    {
        /// <summary>How long one step may take (process start-up included).</summary>
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

        /// <summary>A scratch folder for the pcap and the stat socket, deleted afterwards.</summary>
        private readonly string _folder = Directory.CreateTempSubdirectory("tcpgen-serve-").FullName;

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        [KernelFact]
        public async Task CurlShouldFetchPagesFromServeHttpAndSigtermShouldStopItGracefully()
        {
            using NetworkNamespace ns = NetworkNamespace.Create();
            string pcap = Path.Combine(_folder, "serve.pcap");
            string stat = Path.Combine(_folder, "serve.sock");
            using var serve = new KernelPeerProcess(ns.Name, typeof(ServeCommand).Assembly.Location,
            [
                "serve", "--tun", "tgserve", "--kernel-address", "198.18.0.1/24", "--address", "198.18.0.2", "--listen", "8080",
                "--app", "http", "--pcap", pcap, "--stat-socket", stat,
            ]);
            string banner = serve.WaitForLineStartingWith("tcpgen serve:", Timeout);
            Assert.Contains("http on 198.18.0.2:8080 over TUN tgserve", banner, StringComparison.Ordinal);

            string page = ns.Execute("curl", "-sS", "--fail", "-m", "20", "http://198.18.0.2:8080/");
            Assert.Equal(HttpApp.IndexPage, page);

            string body = Path.Combine(_folder, "body");
            ns.Execute("curl", "-sS", "--fail", "-m", "60", "-o", body, "http://198.18.0.2:8080/bytes/5000000");
            byte[] expected = new byte[5_000_000];
            HttpApp.FillBody(expected, 0);
            Assert.Equal(SHA256.HashData(expected), SHA256.HashData(File.ReadAllBytes(body)));

            Assert.Equal("404", ns.Execute("curl", "-sS", "-m", "20", "-o", "/dev/null", "-w", "%{http_code}", "http://198.18.0.2:8080/missing"));

            // Two requests in one curl run share the kept-alive connection.
            string reuse = ns.Execute("curl", "-sS", "-m", "20", "-o", "/dev/null", "-o", "/dev/null", "-w", "%{num_connects}\\n", "http://198.18.0.2:8080/bytes/10", "http://198.18.0.2:8080/");
            Assert.Equal(["1", "0"], reuse.Split('\n', StringSplitOptions.RemoveEmptyEntries));

            using var statOut = new StringWriter();
            using var statErr = new StringWriter();
            Assert.Equal(0, await StatCommand.RunAsync(stat, "text", statOut, statErr, CancellationToken.None));
            Assert.Contains("stack serve", statOut.ToString(), StringComparison.Ordinal);
            Assert.Contains("passive-opens: 4", statOut.ToString(), StringComparison.Ordinal);

            serve.Signal("TERM");
            Assert.Equal(0, serve.WaitForExit(Timeout));
            Assert.StartsWith("tcpgen serve: stopped; 4 connection(s) served", serve.Lines[^1], StringComparison.Ordinal);
            Assert.Equal(4, serve.Lines.Count(l => l.EndsWith(" closed", StringComparison.Ordinal)));
            Assert.False(File.Exists(stat), "the stat socket was left behind");
            Assert.DoesNotContain("tgserve", ns.Execute("ip", "-o", "link", "show"), StringComparison.Ordinal);

            AssertCaptureHasHandshakeAndClose(pcap);
        }

        [KernelFact]
        public async Task EchoDiscardAndChargenShouldServeKernelClients()
        {
            using NetworkNamespace ns = NetworkNamespace.Create();
            foreach ((string app, ushort port) in new[] { ("echo", (ushort)7), ("discard", (ushort)9), ("chargen", (ushort)19) })
            {
                using var stop = new CancellationTokenSource();
                using var stdout = new StringWriter();
                using var stderr = new StringWriter();
                TunStackSettings settings = Settings(ns, "tgapp" + port);
                Task<int> serving = ServeCommand.RunAsync(settings, port, app, TextWriter.Synchronized(stdout), stderr, stop.Token);
                try
                {
                    string[] peerArguments = app == "chargen"
                        ? ["client", "--address", "198.18.0.2:19", "--close-delay", "300", "--timeout", "25"]
                        : ["client", "--address", "198.18.0.2:" + port, "--send", "1048576", "--timeout", "25"];
                    using var peer = new KernelPeerProcess(ns.Name, peerArguments);
                    PeerReport report = peer.WaitForReport(Timeout);

                    Assert.Equal("eof", report.End);
                    switch (app)
                    {
                        case "echo":
                            Assert.Equal(1048576, report.Received);
                            Assert.Equal(report.SentSha256, report.ReceivedSha256);
                            break;
                        case "discard":
                            Assert.Equal(0, report.Received);
                            break;
                        default:
                            Assert.True(report.Received > ChargenApp.LineLength, "chargen sent " + report.Received + " bytes");
                            break;
                    }
                }
                finally
                {
                    await stop.CancelAsync();
                    Assert.Equal(0, await serving.WaitAsync(Timeout));
                }

                Assert.Equal("", stderr.ToString());
                Assert.Contains(" closed", stdout.ToString(), StringComparison.Ordinal);
            }
        }

        [KernelFact]
        public async Task BusyDeviceShouldFailWithOneLineAndExitTwo()
        {
            using NetworkNamespace ns = NetworkNamespace.Create();
            using TunLink holder = TunLink.OpenInNamespace("tgbusy", ns.Name);
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();

            int exit = await ServeCommand.RunAsync(Settings(ns, "tgbusy"), 80, "echo", stdout, stderr, CancellationToken.None);

            Assert.Equal(ExitCodes.UsageError, exit);
            Assert.Equal("tcpgen: error: TUN device 'tgbusy' is busy: another process already has it open\n", stderr.ToString());
        }

        [KernelFact]
        public void UnprivilegedUserShouldGetOneLineAboutPermissionAndExitTwo()
        {
            using NetworkNamespace ns = NetworkNamespace.Create();
            string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

            // setpriv drops root for the user nobody; whether /dev/net/tun itself or creating the device is refused depends on the node's mode.
            string result = ns.Execute("bash", "-c",
                $"setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/tmp DOTNET_CLI_HOME=/tmp '{dotnet}' '{typeof(ServeCommand).Assembly.Location}' serve --tun tgperm --address 198.18.0.2 --listen 80 2>&1; echo \"exit=$?\"");

            string[] lines = result.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, lines.Length);
            Assert.StartsWith("tcpgen: error: no permission to ", lines[0], StringComparison.Ordinal);
            Assert.Equal("exit=2", lines[1]);
        }

        /// <summary>Settings for an in-process serve or connect whose device lives in <paramref name="ns"/>.</summary>
        internal static TunStackSettings Settings(NetworkNamespace ns, string device, string? pcap = null) =>
            new(device, KernelAddress.TryParse("198.18.0.1/24", out _), ns.Name, System.Net.IPAddress.Parse("198.18.0.2"), pcap, 0, 1, Path.Combine(Path.GetTempPath(), "tcpgen-it-" + Guid.NewGuid().ToString("N") + ".sock"));

        /// <summary>The capture holds the kernel's SYN, our SYN-ACK, and FINs from both sides, all with valid checksums.</summary>
        internal static void AssertCaptureHasHandshakeAndClose(string path)
        {
            IReadOnlyList<(IPPacket Ip, TcpPacket Tcp)> segments = PcapReadBack.TcpSegments(path);
            Assert.NotEmpty(segments);
            Assert.All(segments, s => Assert.True(s.Tcp.ValidChecksum));
            Assert.Contains(segments, s => s.Tcp.Synchronize && !s.Tcp.Acknowledgment && s.Ip.SourceAddress.ToString() == "198.18.0.1");
            Assert.Contains(segments, s => s.Tcp.Synchronize && s.Tcp.Acknowledgment && s.Ip.SourceAddress.ToString() == "198.18.0.2");
            Assert.Contains(segments, s => s.Tcp.Finished && s.Ip.SourceAddress.ToString() == "198.18.0.1");
            Assert.Contains(segments, s => s.Tcp.Finished && s.Ip.SourceAddress.ToString() == "198.18.0.2");
            Assert.DoesNotContain(segments, s => s.Tcp.Reset);
        }
    }
}
