using System;
using System.Globalization;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace TcpGen.KernelPeer
{
    /// <summary>
    /// The Linux kernel's TCP, driven from inside the test's network namespace. Modes:
    /// <c>server</c> listens, prints <c>listening</c>, accepts --connections sockets and runs the script on each;
    /// <c>client</c> opens --connections sockets concurrently and runs the script on each;
    /// <c>ping</c> sends ICMP echo requests and prints <c>replies=N</c>.
    /// Each connection prints <c>conn=I ...report...</c>; the run ends with <c>done</c>. Exit 0, or 2 on bad arguments.
    /// </summary>
    internal static class Program
    {
        private static async Task<int> Main(string[] args)
        {
            PeerOptions options;
            try
            {
                options = PeerOptions.Parse(args);
            }
            catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
            {
                Console.Error.WriteLine("kernel-peer: " + e.Message);
                return 2;
            }

            using var timeout = new CancellationTokenSource(options.Timeout);
            switch (options.Mode)
            {
                case "ping":
                    await PingAsync(options).ConfigureAwait(false);
                    break;
                case "server":
                    await ServeAsync(options, timeout.Token).ConfigureAwait(false);
                    break;
                default:
                    await ConnectAsync(options, timeout.Token).ConfigureAwait(false);
                    break;
            }

            Console.Out.WriteLine("done");
            Console.Out.Flush();
            return 0;
        }

        /// <summary>Ping mode: counts echo replies.</summary>
        private static async Task PingAsync(PeerOptions options)
        {
            using var ping = new Ping();
            int replies = 0;
            for (int i = 0; i < options.PingCount; i++)
            {
                PingReply reply = await ping.SendPingAsync(options.Endpoint.Address, TimeSpan.FromSeconds(2), new byte[56]).ConfigureAwait(false);
                if (reply.Status == IPStatus.Success)
                {
                    replies++;
                }
            }

            Console.Out.WriteLine("replies=" + replies.ToString(CultureInfo.InvariantCulture));
        }

        /// <summary>Server mode: listen, announce, accept and run the script on every connection.</summary>
        private static async Task ServeAsync(PeerOptions options, CancellationToken cancellation)
        {
            using var listener = new Socket(options.Endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(options.Endpoint);
            listener.Listen(Math.Max(128, options.Connections));
            Console.Out.WriteLine("listening");
            Console.Out.Flush();

            var scripts = new Task[options.Connections];
            for (int i = 0; i < options.Connections; i++)
            {
                int index = i;
                Socket socket;
                try
                {
                    socket = await listener.AcceptAsync(cancellation).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    Report(index, "end=timeout");
                    scripts[i] = Task.CompletedTask;
                    continue;
                }

                scripts[i] = Task.Run(async () => Report(index, await ConnectionScript.RunAsync(socket, options, options.Seed + (ulong)index, cancellation).ConfigureAwait(false)));
            }

            await Task.WhenAll(scripts).ConfigureAwait(false);
        }

        /// <summary>Client mode: open every connection at once and run the script on each.</summary>
        private static async Task ConnectAsync(PeerOptions options, CancellationToken cancellation)
        {
            var scripts = new Task[options.Connections];
            for (int i = 0; i < options.Connections; i++)
            {
                int index = i;
                scripts[i] = Task.Run(async () =>
                {
                    var socket = new Socket(options.Endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                    try
                    {
                        await socket.ConnectAsync(options.Endpoint, cancellation).ConfigureAwait(false);
                    }
                    catch (SocketException e)
                    {
                        socket.Dispose();
                        Report(index, "end=connect-error:" + e.SocketErrorCode);
                        return;
                    }
                    catch (OperationCanceledException)
                    {
                        socket.Dispose();
                        Report(index, "end=timeout");
                        return;
                    }

                    Report(index, await ConnectionScript.RunAsync(socket, options, options.Seed + (ulong)index, cancellation).ConfigureAwait(false));
                });
            }

            await Task.WhenAll(scripts).ConfigureAwait(false);
        }

        /// <summary>Prints one connection's report line (Console.Out is synchronized).</summary>
        private static void Report(int index, string line)
        {
            Console.Out.WriteLine("conn=" + index.ToString(CultureInfo.InvariantCulture) + " " + line);
            Console.Out.Flush();
        }
    }
}
