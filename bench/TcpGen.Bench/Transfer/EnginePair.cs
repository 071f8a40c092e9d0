using System;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using TcpGen.Runtime.Timers;

namespace TcpGen.Bench.Transfer
{
    /// <summary>
    /// Two <see cref="TcpEngine"/>s joined by a tiny in-benchmark packet shuttle on a virtual clock: no threads, no
    /// link objects, no copies beyond the one each engine makes into the shuttle's buffer. Every packet one engine
    /// dequeues is handed straight to the other; the clock advances a microsecond per packet, and jumps to the next
    /// timer deadline when both engines are idle. Used by the bulk-transfer benchmark.
    /// </summary>
    public sealed class EnginePair : IDisposable
    {
        /// <summary>Port the server listens on.</summary>
        private const ushort ServerPort = 5001;

        /// <summary>The active opener; it sends the bulk data.</summary>
        private readonly TcpEngine _client;

        /// <summary>The passive opener; it receives the bulk data.</summary>
        private readonly TcpEngine _server;

        /// <summary>The one packet in flight between the engines, reused for every packet.</summary>
        private readonly byte[] _packet;

        /// <summary>The virtual clock both engines are driven with.</summary>
        private Instant _now = Instant.FromMilliseconds(1);

        /// <summary>Creates both engines (same options) and opens one connection between them.</summary>
        public EnginePair(TcpEngineOptions options)
        {
            byte[] clientSecret = new byte[32];
            byte[] serverSecret = new byte[32];
            clientSecret[0] = 1;
            serverSecret[0] = 2;
            _client = new TcpEngine(options, clientSecret, _now);
            _server = new TcpEngine(options, serverSecret, _now);
            _packet = new byte[Math.Max(_client.MaxPacketSize, _server.MaxPacketSize)];

            var clientEndpoint = new Endpoint(IpAddress.Parse("198.18.0.1"), 40000);
            var serverEndpoint = new Endpoint(IpAddress.Parse("198.18.0.2"), ServerPort);
            ConnectionHandle listener = _server.Listen(serverEndpoint);
            Sender = _client.Connect(clientEndpoint, serverEndpoint, _now);
            ConnectionHandle accepted = default;
            for (int round = 0; round < 100 && !_server.TryAccept(listener, out accepted); round++)
            {
                Pump();
                AdvanceToNextDeadline();
            }

            Receiver = accepted;
            if (_client.GetStatus(Sender).State != Runtime.TcpState.Established || _server.GetStatus(Receiver).State != Runtime.TcpState.Established)
            {
                throw new InvalidOperationException("The engines did not complete the handshake.");
            }
        }

        /// <summary>The client's end of the connection.</summary>
        public ConnectionHandle Sender { get; }

        /// <summary>The server's end of the connection.</summary>
        public ConnectionHandle Receiver { get; }

        /// <summary>Packets the shuttle has carried (both directions).</summary>
        public long PacketsCarried { get; private set; }

        /// <summary>Packets carried from client to server.</summary>
        public long PacketsToReceiver { get; private set; }

        /// <summary>Counters of the sending engine (retransmissions etc.).</summary>
        public TcpCounters SenderCounters => _client.Counters;

        /// <summary>
        /// Moves <paramref name="byteCount"/> bytes from the client to the server, cycling through
        /// <paramref name="source"/>; everything read is written to <paramref name="sink"/> (overwritten as it fills)
        /// and handed to <paramref name="check"/> when given. Returns the bytes read.
        /// </summary>
        public long Transfer(long byteCount, byte[] source, byte[] sink, Action<long, ReadOnlySpan<byte>>? check = null)
        {
            long sent = 0;
            long received = 0;
            int idleRounds = 0;
            while (received < byteCount)
            {
                while (sent < byteCount)
                {
                    int offset = (int)(sent % source.Length);
                    int length = (int)Math.Min(source.Length - offset, byteCount - sent);
                    int queued = _client.Send(Sender, source.AsSpan(offset, length), _now);
                    sent += queued;
                    if (queued < length)
                    {
                        break;
                    }
                }

                bool moved = Pump();
                int read;
                while ((read = _server.Read(Receiver, sink, _now)) > 0)
                {
                    check?.Invoke(received, sink.AsSpan(0, read));
                    received += read;
                    moved = true;
                }

                if (!moved)
                {
                    AdvanceToNextDeadline();
                    if (++idleRounds > 10_000)
                    {
                        throw new InvalidOperationException($"Transfer stalled after {received} of {byteCount} bytes.");
                    }
                }
            }

            return received;
        }

        /// <summary>Delivers packets both ways until neither engine has one to send; true when any moved.</summary>
        private bool Pump()
        {
            bool any = false;
            bool moved;
            do
            {
                moved = false;
                while (_client.TryDequeueOutgoing(_packet, out int length))
                {
                    _now = _now.AddMicroseconds(1);
                    _server.Receive(_packet.AsSpan(0, length), _now);
                    PacketsCarried++;
                    PacketsToReceiver++;
                    moved = true;
                }

                while (_server.TryDequeueOutgoing(_packet, out int length))
                {
                    _now = _now.AddMicroseconds(1);
                    _client.Receive(_packet.AsSpan(0, length), _now);
                    PacketsCarried++;
                    moved = true;
                }

                DrainNotifications();
                any |= moved;
            }
            while (moved);

            return any;
        }

        /// <summary>Jumps the clock to the earlier engine deadline and polls both (e.g. a delayed ACK).</summary>
        private void AdvanceToNextDeadline()
        {
            Instant? client = _client.NextDeadline;
            Instant? server = _server.NextDeadline;
            Instant next = Instant.Min(client ?? Instant.MaxValue, server ?? Instant.MaxValue);
            if (next != Instant.MaxValue && next > _now)
            {
                _now = next;
            }

            _client.Poll(_now);
            _server.Poll(_now);
        }

        /// <summary>The benchmark reads data directly, so notifications are dropped to keep the queues bounded.</summary>
        private void DrainNotifications()
        {
            while (_client.TryDequeueNotification(out _))
            {
            }

            while (_server.TryDequeueNotification(out _))
            {
            }
        }

        public void Dispose()
        {
            _client.Dispose();
            _server.Dispose();
        }
    }
}
