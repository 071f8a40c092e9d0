using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace TcpGen.Bench.Transfer
{
    /// <summary>
    /// The baseline for the bulk-transfer benchmark: the kernel's own TCP between two sockets on 127.0.0.1 in this
    /// process, MSS left to the kernel (loopback's MTU is 64 KiB, so it moves bigger segments than TcpGen's 1460).
    /// A reader thread drains the server side; <see cref="Transfer"/> writes and waits until that many bytes arrived.
    /// </summary>
    public sealed class KernelLoopbackPair : IDisposable
    {
        /// <summary>The sending socket.</summary>
        private readonly Socket _client;

        /// <summary>The receiving socket, drained by <see cref="_reader"/>.</summary>
        private readonly Socket _server;

        /// <summary>Reads everything the server socket receives, so the sender is never flow-controlled by us.</summary>
        private readonly Thread _reader;

        /// <summary>Signals the reader to stop after the sockets close.</summary>
        private volatile bool _stopping;

        /// <summary>Bytes the reader has received so far.</summary>
        private long _received;

        public KernelLoopbackPair()
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(1);
            _client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            _client.Connect(listener.LocalEndPoint!);
            _server = listener.Accept();
            _reader = new Thread(Drain) { IsBackground = true, Name = "loopback reader" };
            _reader.Start();
        }

        /// <summary>Sends <paramref name="bytes"/> bytes (cycling <paramref name="source"/>) and waits until all arrived.</summary>
        public long Transfer(long bytes, byte[] source)
        {
            long target = Interlocked.Read(ref _received) + bytes;
            long left = bytes;
            while (left > 0)
            {
                int chunk = (int)Math.Min(left, source.Length);
                left -= _client.Send(source, 0, chunk, SocketFlags.None);
            }

            SpinWait spin = default;
            while (Interlocked.Read(ref _received) < target)
            {
                spin.SpinOnce();
            }

            return bytes;
        }

        public void Dispose()
        {
            _stopping = true;
            _client.Dispose();
            _server.Dispose();
            _reader.Join();
        }

        private void Drain()
        {
            byte[] buffer = new byte[256 * 1024];
            try
            {
                while (!_stopping)
                {
                    int read = _server.Receive(buffer);
                    if (read == 0)
                    {
                        return;
                    }

                    Interlocked.Add(ref _received, read);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // The sockets closed under the reader at dispose.
            }
        }
    }
}
