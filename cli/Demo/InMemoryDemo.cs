using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TcpGen.Runtime.Capture;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Hosting;
using TcpGen.Runtime.Links;

namespace TcpGen.Cli.Demo
{
    /// <summary>`tcpgen demo`: two TcpGen stacks over the in-memory link, no root needed.</summary>
    internal static class InMemoryDemo
    {
        /// <summary>The client stack's address (198.18.0.0/15 is reserved for benchmarking, RFC 2544).</summary>
        public static readonly IpAddress ClientAddress = IpAddress.Parse("198.18.0.1");

        /// <summary>The server stack's address.</summary>
        public static readonly IpAddress ServerAddress = IpAddress.Parse("198.18.0.2");

        public static async Task<int> RunAsync(DemoSettings settings, TextWriter stdout, CancellationToken cancellationToken)
        {
            var timeline = new DemoTimeline(stdout);
            timeline.Name(ClientAddress, "client");
            timeline.Name(ServerAddress, "server");
            stdout.WriteLine($"tcpgen demo: client {ClientAddress} and server {ServerAddress}, two TcpGen stacks over an in-memory link; MSL {settings.Msl.TotalSeconds:0.###} s");
            stdout.WriteLine();

            (InMemoryLink clientWire, InMemoryLink serverWire) = InMemoryLink.CreatePair();
            using PcapWriter pcap = PcapWriter.Create(settings.PcapPath);
            // Only the client's side is traced and captured: it sees every packet of the conversation once.
            var clientLink = new CapturingLink(new TimelineLink(clientWire, timeline), pcap);
            await using var client = new TcpStack(clientLink, DemoScript.StackOptions("client", ClientAddress, settings, timeline));
            await using var server = new TcpStack(serverWire, DemoScript.StackOptions("server", ServerAddress, settings, timeline));

            ConnectionListener listener = await server.ListenAsync(settings.Port, cancellationToken).ConfigureAwait(false);
            timeline.Note($"server: passive OPEN on port {settings.Port}");
            Task<long> serverTask = ServeOneAsync(listener, timeline, cancellationToken);

            bool answered = await DemoScript.RunClientAsync(client, ServerAddress, settings.Port, settings.Bytes, timeline, cancellationToken).ConfigureAwait(false);
            long received = await serverTask.ConfigureAwait(false);
            bool drained = await DemoScript.WaitUntilEmptyAsync(client, settings.Msl * 2 + TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
            timeline.Note(drained ? "client: TIME-WAIT over, no connections left" : "client: still has connections after 2×MSL");
            await listener.DisposeAsync().ConfigureAwait(false);

            stdout.WriteLine();
            stdout.WriteLine(DemoScript.Totals("client", await client.GetSnapshotAsync(cancellationToken).ConfigureAwait(false)));
            stdout.WriteLine(DemoScript.Totals("server", await server.GetSnapshotAsync(cancellationToken).ConfigureAwait(false)));
            pcap.Flush();
            stdout.WriteLine($"{timeline.SegmentCount} segments, {timeline.TransitionCount} state changes; capture written to {settings.PcapPath} ({pcap.PacketCount} packets, open it with wireshark or tshark -r)");
            bool ok = answered && received == settings.Bytes && drained;
            stdout.WriteLine(ok ? "demo: ok" : "demo: FAILED (the transfer or the close did not complete as expected)");
            return ok ? 0 : 1;
        }

        /// <summary>The server: accept one connection, read to end of stream, answer, close.</summary>
        private static async Task<long> ServeOneAsync(ConnectionListener listener, DemoTimeline timeline, CancellationToken cancellationToken)
        {
            TcpConnection connection = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                Stream stream = connection.GetStream();
                long received = await DemoServer.ReadToEndAsync(stream, cancellationToken).ConfigureAwait(false);
                timeline.Note($"server: read {received} bytes, then end of stream (the client's FIN); it may still send");
                await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(DemoScript.Answer(received)), cancellationToken).ConfigureAwait(false);
                timeline.Note("server: SEND the answer, then CLOSE");
                await connection.CloseAsync(cancellationToken).ConfigureAwait(false);
                return received;
            }
        }
    }
}
