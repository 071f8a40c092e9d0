using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TcpGen.Runtime.Capture;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Hosting;
using TcpGen.Runtime.Tun;

namespace TcpGen.Cli.Demo
{
    /// <summary>
    /// `tcpgen demo --tun`: the same script with the Linux kernel as the server, over a TUN device inside a network
    /// namespace the demo creates and removes (needs root). Only 198.18.0.0/30 inside that namespace is used.
    /// </summary>
    internal static class KernelDemo
    {
        /// <summary>The kernel's side of the TUN device.</summary>
        public static readonly IpAddress KernelAddress = IpAddress.Parse("198.18.0.1");

        /// <summary>TcpGen's address behind the TUN device.</summary>
        public static readonly IpAddress StackAddress = IpAddress.Parse("198.18.0.2");

        /// <summary>The TUN device name inside the namespace.</summary>
        private const string DeviceName = "tgdemo0";

        public static async Task<int> RunAsync(DemoSettings settings, TextWriter stdout, CancellationToken cancellationToken)
        {
            string ns = "tcpgen-demo-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            IpCommand.Run(null, "netns", "add", ns);
            try
            {
                return await RunInNamespaceAsync(ns, settings, stdout, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                try
                {
                    IpCommand.Run(null, "netns", "delete", ns);
                }
                catch (TunException e)
                {
                    stdout.WriteLine("demo: could not delete network namespace " + ns + ": " + e.Message);
                }
            }
        }

        private static async Task<int> RunInNamespaceAsync(string ns, DemoSettings settings, TextWriter stdout, CancellationToken cancellationToken)
        {
            var timeline = new DemoTimeline(stdout);
            timeline.Name(StackAddress, "tcpgen");
            timeline.Name(KernelAddress, "kernel");
            stdout.WriteLine($"tcpgen demo --tun: TcpGen client {StackAddress} against the Linux kernel's TCP at {KernelAddress}, over TUN {DeviceName} in network namespace {ns}; MSL {settings.Msl.TotalSeconds:0.###} s");
            stdout.WriteLine();

            TunLink tun = TunLink.OpenInNamespace(DeviceName, ns);
            IpCommand.AddAddress(DeviceName, KernelAddress + "/30", ns);
            IpCommand.SetUp(DeviceName, ns);
            using PcapWriter pcap = PcapWriter.Create(settings.PcapPath);
            var link = new CapturingLink(new TimelineLink(tun, timeline), pcap);
            await using var client = new TcpStack(link, DemoScript.StackOptions("tcpgen", StackAddress, settings, timeline));

            // A socket made inside the namespace stays there; the process itself never leaves its own namespace.
            using Socket listener = NetworkNamespaceThread.Run(ns, () =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(KernelAddress.ToIPAddress(), settings.Port));
                socket.Listen(1);
                return socket;
            });
            timeline.Note($"kernel: listen on {KernelAddress}:{settings.Port}");
            Task<long> serverTask = ServeOneAsync(listener, timeline, cancellationToken);

            bool answered = await DemoScript.RunClientAsync(client, KernelAddress, settings.Port, settings.Bytes, timeline, cancellationToken).ConfigureAwait(false);
            long received = await serverTask.ConfigureAwait(false);
            bool drained = await DemoScript.WaitUntilEmptyAsync(client, settings.Msl * 2 + TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
            timeline.Note(drained ? "tcpgen: TIME-WAIT over, no connections left" : "tcpgen: still has connections after 2×MSL");

            stdout.WriteLine();
            stdout.WriteLine(DemoScript.Totals("tcpgen", await client.GetSnapshotAsync(cancellationToken).ConfigureAwait(false)));
            pcap.Flush();
            stdout.WriteLine($"{timeline.SegmentCount} segments, {timeline.TransitionCount} state changes; capture written to {settings.PcapPath} ({pcap.PacketCount} packets)");
            bool ok = answered && received == settings.Bytes && drained;
            stdout.WriteLine(ok ? "demo: ok" : "demo: FAILED (the transfer or the close did not complete as expected)");
            return ok ? 0 : 1;
        }

        /// <summary>The kernel server: accept one connection, read to end of stream, answer, close.</summary>
        private static async Task<long> ServeOneAsync(Socket listener, DemoTimeline timeline, CancellationToken cancellationToken)
        {
            using Socket accepted = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            await using var stream = new NetworkStream(accepted, ownsSocket: false);
            long received = await DemoServer.ReadToEndAsync(stream, cancellationToken).ConfigureAwait(false);
            timeline.Note($"kernel: read {received} bytes, then end of stream; it answers and closes");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(DemoScript.Answer(received)), cancellationToken).ConfigureAwait(false);
            accepted.Shutdown(SocketShutdown.Send);
            return received;
        }
    }
}
