using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using TcpGen.Runtime.Tun;

namespace TcpGen.E2eBench
{
    /// <summary>
    /// The client side of every connections-per-second row: a few kernel client threads in a namespace connect, wait
    /// for the server's close (end of stream) and close, over and over for a fixed time. One loop, so the kernel and
    /// TcpGen rows measure exactly the same client.
    /// </summary>
    internal static class ConnectCloseClients
    {
        /// <summary>Client threads, as many as the two-core machines the results were taken on can keep busy.</summary>
        private const int Threads = 4;

        /// <summary>Runs the clients from <paramref name="clientNamespace"/> against <paramref name="server"/> for <paramref name="duration"/>.</summary>
        public static (long Connections, long Failures, TimeSpan Elapsed) Run(string clientNamespace, EndPoint server, TimeSpan duration)
        {
            long connections = 0;
            long failures = 0;
            var clock = Stopwatch.StartNew();
            var clients = new Thread[Threads];
            for (int t = 0; t < clients.Length; t++)
            {
                clients[t] = new Thread(() => NetworkNamespaceThread.Run(clientNamespace, () =>
                {
                    byte[] buffer = new byte[16];
                    while (clock.Elapsed < duration)
                    {
                        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                        try
                        {
                            client.Connect(server);
                            client.Receive(buffer);
                            Interlocked.Increment(ref connections);
                        }
                        catch (SocketException)
                        {
                            Interlocked.Increment(ref failures);
                        }
                    }

                    return 0;
                })) { IsBackground = true };
                clients[t].Start();
            }

            foreach (Thread client in clients)
            {
                client.Join();
            }

            return (connections, failures, clock.Elapsed);
        }

        /// <summary>The rate column's note: connections/s, and the failures if any.</summary>
        public static string Note(long failures) => "connections/s" + (failures > 0 ? "; " + failures + " failed" : "");
    }
}
