using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Hosting;
using TcpGen.Runtime.Tun;

namespace TcpGen.E2eBench
{
    /// <summary>TcpGen against the kernel over the TUN device: bulk both ways, and kernel clients connecting to a TcpGen listener.</summary>
    internal static class TcpGenMeasurements
    {
        /// <summary>Bytes per kernel socket call and per TcpGen write.</summary>
        private const int ChunkSize = 256 * 1024;

        /// <summary>
        /// kernel → TcpGen and TcpGen → kernel bulk, with TcpGen's default options (timestamps and SACK agreed, RFC 7323,
        /// RFC 2018), then with both turned off, so the cost of the options shows in the same run.
        /// </summary>
        public static IEnumerable<Measurement> Bulk(TimeSpan duration)
        {
            yield return KernelToTcpGen(duration, options: true);
            yield return TcpGenToKernel(duration, options: true);
            yield return KernelToTcpGen(duration, options: false);
            yield return TcpGenToKernel(duration, options: false);
        }

        /// <summary>kernel clients connecting to a TcpGen listener.</summary>
        public static IEnumerable<Measurement> ConnectionsPerSecond(TimeSpan duration)
        {
            yield return KernelClientsToTcpGen(duration);
        }

        /// <summary>A kernel socket in the namespace streams to a TcpGen connection for the duration; measured at TcpGen.</summary>
        private static Measurement KernelToTcpGen(TimeSpan duration, bool options)
        {
            using var scratch = new Scratch();
            string ns = scratch.AddNamespace();
            TunLink link = scratch.Own(TunTestNetwork.Open(ns));
            using TcpStack stack = Stack(link, options: options);
            using ConnectionListener listener = stack.ListenAsync(5201).AsTask().GetAwaiter().GetResult();
            using Socket sender = NetworkNamespaceThread.Run(ns, () => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
            sender.Connect(new IPEndPoint(IPAddress.Parse(TunTestNetwork.StackAddress), 5201));
            using TcpConnection connection = listener.AcceptAsync().AsTask().GetAwaiter().GetResult();

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
            var elapsed = Stopwatch.StartNew();
            sending.Start();
            long bytes = DrainAsync(connection.Input).GetAwaiter().GetResult();
            TimeSpan total = elapsed.Elapsed;
            sending.Join();
            return new Measurement("kernel -> TcpGen, TUN" + OptionsLabel(options), bytes, 0, total, Retransmissions(stack));
        }

        /// <summary>TcpGen streams to a kernel socket in the namespace for the duration; measured at the kernel.</summary>
        private static Measurement TcpGenToKernel(TimeSpan duration, bool options)
        {
            using var scratch = new Scratch();
            string ns = scratch.AddNamespace();
            TunLink link = scratch.Own(TunTestNetwork.Open(ns));
            using TcpStack stack = Stack(link, options: options);
            using Socket listener = NetworkNamespaceThread.Run(ns, () => KernelBaselines.Listen(new IPEndPoint(IPAddress.Parse(TunTestNetwork.KernelAddress), 5202)));
            using TcpConnection connection = stack.ConnectAsync(IpAddress.Parse(TunTestNetwork.KernelAddress), 5202).AsTask().GetAwaiter().GetResult();
            using Socket receiver = listener.Accept();

            Task sending = Task.Run(async () =>
            {
                byte[] chunk = new byte[ChunkSize];
                var clock = Stopwatch.StartNew();
                while (clock.Elapsed < duration)
                {
                    await connection.Output.WriteAsync(chunk).ConfigureAwait(false);
                }

                await connection.Output.CompleteAsync().ConfigureAwait(false);
            });
            byte[] buffer = new byte[ChunkSize];
            long bytes = 0;
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
            sending.GetAwaiter().GetResult();
            return new Measurement("TcpGen -> kernel, TUN" + OptionsLabel(options), bytes, 0, total, Retransmissions(stack));
        }

        /// <summary>Four kernel client threads connect, TcpGen accepts and closes at once, the client reads end of stream and closes.</summary>
        private static Measurement KernelClientsToTcpGen(TimeSpan duration)
        {
            using var scratch = new Scratch();
            string ns = scratch.AddNamespace();
            TunLink link = scratch.Own(TunTestNetwork.Open(ns));
            using TcpStack stack = Stack(link, backlog: 1024);
            ConnectionListener listener = stack.ListenAsync(5203).AsTask().GetAwaiter().GetResult();
            Task accepting = Task.Run(async () =>
            {
                try
                {
                    while (true)
                    {
                        TcpConnection accepted = await listener.AcceptAsync().ConfigureAwait(false);
                        accepted.Dispose();
                    }
                }
                catch (ObjectDisposedException)
                {
                }
            });

            var endpoint = new IPEndPoint(IPAddress.Parse(TunTestNetwork.StackAddress), 5203);
            (long connections, long failures, TimeSpan elapsed) = ConnectCloseClients.Run(ns, endpoint, duration);
            listener.Dispose();
            accepting.GetAwaiter().GetResult();
            return new Measurement("kernel -> TcpGen, TUN, connect+close", 0, connections, elapsed, ConnectCloseClients.Note(failures));
        }

        /// <summary>
        /// A TcpGen stack at the TUN network's stack address on <paramref name="link"/> (the scratch owns the link); with
        /// <paramref name="options"/> false it neither offers nor accepts timestamps and SACK.
        /// </summary>
        private static TcpStack Stack(TunLink link, int backlog = 128, bool options = true) => new(link, new TcpStackOptions
        {
            LocalAddress = IpAddress.Parse(TunTestNetwork.StackAddress),
            Name = "e2e",
            OwnsLink = false,
            Engine = new Runtime.Engine.TcpEngineOptions
            {
                SynBacklog = backlog,
                AcceptBacklog = backlog,
                Timestamps = options,
                SelectiveAcknowledgments = options,
            },
        });

        /// <summary>Row label suffix for a run without timestamps and SACK.</summary>
        private static string OptionsLabel(bool options) => options ? string.Empty : ", no TS/SACK";

        /// <summary>Reads until end of stream; returns the byte count.</summary>
        private static async Task<long> DrainAsync(PipeReader input)
        {
            long bytes = 0;
            while (true)
            {
                ReadResult result = await input.ReadAsync().ConfigureAwait(false);
                bytes += result.Buffer.Length;
                input.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    return bytes;
                }
            }
        }

        /// <summary>The note for a bulk row: how many segments TcpGen retransmitted.</summary>
        private static string Retransmissions(TcpStack stack) => stack.Counters.Retransmissions + " retransmitted by TcpGen";
    }
}
