using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Tun;

namespace TcpGen.E2eBench
{
    /// <summary>The reference points TcpGen is compared with: kernel TCP over veth, and the raw TUN read/write ceiling.</summary>
    internal static class KernelBaselines
    {
        /// <summary>Bytes per socket send/receive call.</summary>
        private const int ChunkSize = 256 * 1024;

        /// <summary>IP packet size of the raw TUN loop (Ethernet MTU).</summary>
        private const int PacketSize = 1500;

        /// <summary>Kernel TCP from one namespace to another over a veth pair: bulk for <paramref name="duration"/>.</summary>
        public static Measurement VethBulk(TimeSpan duration)
        {
            using var scratch = new Scratch();
            (string server, string client) = VethPair(scratch);
            using Socket listener = NetworkNamespaceThread.Run(server, () => Listen(new IPEndPoint(IPAddress.Parse("198.18.1.1"), 5201)));
            using Socket sender = NetworkNamespaceThread.Run(client, () => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
            sender.Connect(new IPEndPoint(IPAddress.Parse("198.18.1.1"), 5201));
            using Socket receiver = listener.Accept();
            return Bulk("kernel -> kernel, veth", sender, receiver, duration);
        }

        /// <summary>Kernel TCP connections per second over veth: connect, server closes, client closes.</summary>
        public static Measurement VethConnectionsPerSecond(TimeSpan duration)
        {
            using var scratch = new Scratch();
            (string server, string client) = VethPair(scratch);
            var endpoint = new IPEndPoint(IPAddress.Parse("198.18.1.1"), 5202);
            using Socket listener = NetworkNamespaceThread.Run(server, () => Listen(endpoint));
            return ConnectionsPerSecond("kernel -> kernel, veth", listener, client, endpoint, duration);
        }

        /// <summary>
        /// The read ceiling of a TUN device for 1500-byte packets: a UDP socket in the namespace sends 1472-byte
        /// datagrams through the device as fast as it can, and one thread reads them with <see cref="TunLink"/>.
        /// </summary>
        public static Measurement TunRawRead(TimeSpan duration)
        {
            using var scratch = new Scratch();
            string ns = scratch.AddNamespace();
            TunLink link = scratch.Own(TunTestNetwork.Open(ns));
            Socket udp = scratch.Own(NetworkNamespaceThread.Run(ns, () => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp)));
            udp.Connect(new IPEndPoint(IPAddress.Parse(TunTestNetwork.StackAddress), 9));
            using var stop = new CancellationTokenSource();
            long offered = 0;
            var blaster = new Thread(() =>
            {
                byte[] datagram = new byte[PacketSize - 28];
                while (!stop.IsCancellationRequested)
                {
                    udp.Send(datagram);
                    offered++;
                }
            }) { IsBackground = true };
            blaster.Start();

            byte[] buffer = new byte[link.Mtu];
            long packets = 0;
            long bytes = 0;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < duration)
            {
                link.WaitReceivable(TimeSpan.FromMilliseconds(10));
                while (link.TryReceive(buffer, out int length))
                {
                    packets++;
                    bytes += length;
                }
            }

            TimeSpan elapsed = clock.Elapsed;
            stop.Cancel();
            blaster.Join();
            return new Measurement("raw TUN read, 1500 B packets", bytes, packets, elapsed, "packets/s; UDP sender offered " + (offered / elapsed.TotalSeconds).ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + "/s");
        }

        /// <summary>The write ceiling: one thread writes valid 1500-byte UDP packets to a closed port of the kernel.</summary>
        public static Measurement TunRawWrite(TimeSpan duration)
        {
            using var scratch = new Scratch();
            string ns = scratch.AddNamespace();
            TunLink link = scratch.Own(TunTestNetwork.Open(ns));
            byte[] packet = UdpPacket(PacketSize);
            long packets = 0;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < duration)
            {
                for (int i = 0; i < 256; i++)
                {
                    link.Send(packet);
                }

                packets += 256;
            }

            TimeSpan elapsed = clock.Elapsed;
            long written = link.PacketsSent;
            return new Measurement("raw TUN write, 1500 B packets", written * PacketSize, written, elapsed, "packets/s; " + link.SendsDropped + " refused");
        }

        /// <summary>Streams from <paramref name="sender"/> to <paramref name="receiver"/> for the duration; measures at the receiver.</summary>
        internal static Measurement Bulk(string name, Socket sender, Socket receiver, TimeSpan duration)
        {
            var sending = new Thread(() =>
            {
                byte[] chunk = new byte[ChunkSize];
                var clock = Stopwatch.StartNew();
                while (clock.Elapsed < duration)
                {
                    sender.Send(chunk);
                }

                sender.Shutdown(SocketShutdown.Send);
            }) { IsBackground = true };
            byte[] buffer = new byte[ChunkSize];
            long bytes = 0;
            sending.Start();
            var elapsed = Stopwatch.StartNew();
            while (true)
            {
                int count = receiver.Receive(buffer);
                if (count == 0)
                {
                    break;
                }

                bytes += count;
            }

            TimeSpan total = elapsed.Elapsed;
            sending.Join();
            return new Measurement(name, bytes, 0, total);
        }

        /// <summary>Clients connect, the server accepts and closes, the client reads end of stream and closes; 4 client threads inside <paramref name="clientNamespace"/>.</summary>
        internal static Measurement ConnectionsPerSecond(string name, Socket listener, string clientNamespace, EndPoint endpoint, TimeSpan duration)
        {
            using var stop = new CancellationTokenSource();
            var acceptor = new Thread(() =>
            {
                try
                {
                    while (true)
                    {
                        using Socket accepted = listener.Accept();
                    }
                }
                catch (SocketException)
                {
                }
                catch (ObjectDisposedException)
                {
                }
            }) { IsBackground = true };
            acceptor.Start();
            (long connections, long failures, TimeSpan elapsed) = ConnectCloseClients.Run(clientNamespace, endpoint, duration);
            listener.Close();
            acceptor.Join();
            return new Measurement(name + ", connect+close", 0, connections, elapsed, ConnectCloseClients.Note(failures));
        }

        /// <summary>A listening socket on <paramref name="endpoint"/> (created in whatever namespace the calling thread is in).</summary>
        internal static Socket Listen(IPEndPoint endpoint)
        {
            var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(endpoint);
            socket.Listen(1024);
            return socket;
        }

        /// <summary>Two namespaces joined by a veth pair: 198.18.1.1/24 (server side) and 198.18.1.2/24.</summary>
        private static (string Server, string Client) VethPair(Scratch scratch)
        {
            string server = scratch.AddNamespace();
            string client = scratch.AddNamespace();
            Scratch.Run("ip", "-n", server, "link", "add", "tgva", "type", "veth", "peer", "name", "tgvb", "netns", client);
            Scratch.Run("ip", "-n", server, "address", "add", "198.18.1.1/24", "dev", "tgva");
            Scratch.Run("ip", "-n", client, "address", "add", "198.18.1.2/24", "dev", "tgvb");
            Scratch.Run("ip", "-n", server, "link", "set", "dev", "tgva", "up");
            Scratch.Run("ip", "-n", client, "link", "set", "dev", "tgvb", "up");
            return (server, client);
        }

        /// <summary>A valid IPv4 UDP packet 198.18.0.2:9 → 198.18.0.1:9 of the given size (UDP checksum 0: allowed for IPv4).</summary>
        private static byte[] UdpPacket(int size)
        {
            byte[] packet = new byte[size];
            packet[0] = 0x45;
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)size);
            packet[8] = 64;
            packet[9] = 17;
            new byte[] { 198, 18, 0, 2, 198, 18, 0, 1 }.CopyTo(packet, 12);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), InternetChecksum.Compute(packet.AsSpan(0, 20)));
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(20), 9);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(22), 9);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(24), (ushort)(size - 20));
            return packet;
        }
    }
}
