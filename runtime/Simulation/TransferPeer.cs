using System;
using System.Security.Cryptography;
using TcpGen.Runtime.Engine;
using TcpGen.Runtime.Links;
using TcpGen.Runtime.Timers;

namespace TcpGen.Runtime.Simulation
{
    /// <summary>
    /// The application on each host of a <see cref="BulkTransfer"/>: it opens (listens and accepts, or connects),
    /// sends a seeded pseudo-random byte stream of a given length, closes its side, and reads and hashes everything the
    /// peer sends until the peer's FIN. It hashes what it sends and what it receives with SHA-256.
    /// </summary>
    public sealed class TransferPeer : ISimulatedApplication, IDisposable
    {
        /// <summary>Size of the generation and read buffers.</summary>
        private const int ChunkSize = 64 * 1024;

        /// <summary>The host whose engine this peer calls.</summary>
        private readonly SimulatedHost _host;

        /// <summary>Where this peer connects, or null if it listens.</summary>
        private readonly Endpoint? _remote;

        /// <summary>The local endpoint (listening or connecting).</summary>
        private readonly Endpoint _local;

        /// <summary>Generates the byte stream to send; its seed fixes the content.</summary>
        private readonly FaultRandom _data;

        /// <summary>The next chunk of generated data.</summary>
        private readonly byte[] _chunk = new byte[ChunkSize];

        /// <summary>Receives data from the engine.</summary>
        private readonly byte[] _readBuffer = new byte[ChunkSize];

        /// <summary>SHA-256 of the bytes generated for sending.</summary>
        private readonly IncrementalHash _sentHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        /// <summary>SHA-256 of the bytes received.</summary>
        private readonly IncrementalHash _receivedHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        /// <summary>How many bytes this peer sends in all.</summary>
        private readonly long _bytesToSend;

        /// <summary>The listener handle while waiting for the connection (listening peers only).</summary>
        private ConnectionHandle _listener = ConnectionHandle.None;

        /// <summary>The connection, once opened.</summary>
        private ConnectionHandle _connection = ConnectionHandle.None;

        /// <summary>Start of the unsent part of <see cref="_chunk"/>.</summary>
        private int _chunkOffset = ChunkSize;

        /// <summary>End of the valid part of <see cref="_chunk"/>.</summary>
        private int _chunkLength = ChunkSize;

        /// <summary>Bytes generated into chunks so far.</summary>
        private long _generated;

        /// <summary>True once the local CLOSE was issued after the last byte.</summary>
        private bool _closeIssued;

        /// <summary>True once the peer's FIN was read.</summary>
        private bool _receiveComplete;

        /// <param name="host">The host whose engine to use.</param>
        /// <param name="local">Local endpoint.</param>
        /// <param name="remote">Remote endpoint to connect to; null to listen on <paramref name="local"/>.</param>
        /// <param name="bytesToSend">Bytes to send.</param>
        /// <param name="dataSeed">Seed of the content.</param>
        public TransferPeer(SimulatedHost host, Endpoint local, Endpoint? remote, long bytesToSend, ulong dataSeed)
        {
            ArgumentNullException.ThrowIfNull(host);
            ArgumentOutOfRangeException.ThrowIfNegative(bytesToSend);
            _host = host;
            _local = local;
            _remote = remote;
            _bytesToSend = bytesToSend;
            _data = new FaultRandom(dataSeed);
        }

        /// <inheritdoc />
        public bool IsFinished => Failure is not null || (_closeIssued && _receiveComplete);

        /// <summary>Why the transfer failed on this side (connection reset, timed out, ...), or null.</summary>
        public string? Failure { get; private set; }

        /// <summary>Bytes the engine accepted for sending.</summary>
        public long BytesSent { get; private set; }

        /// <summary>Bytes read from the engine.</summary>
        public long BytesReceived { get; private set; }

        /// <summary>When the peer's FIN was read (all its data in), or null.</summary>
        public Instant? ReceiveCompletedAt { get; private set; }

        /// <summary>When the connection was established, or null.</summary>
        public Instant? ConnectedAt { get; private set; }

        /// <summary>The last status seen of the connection.</summary>
        public ConnectionStatus? LastStatus { get; private set; }

        /// <summary>SHA-256 of the bytes sent (valid once all were sent).</summary>
        public byte[] SentHash() => _sentHash.GetCurrentHash();

        /// <summary>SHA-256 of the bytes received so far.</summary>
        public byte[] ReceivedHash() => _receivedHash.GetCurrentHash();

        /// <inheritdoc />
        public bool Step(Instant now)
        {
            TcpEngine engine = _host.Engine;
            bool progress = DrainNotifications(engine);
            if (!_connection.IsValid)
            {
                progress |= Open(engine, now);
                if (!_connection.IsValid)
                {
                    return progress;
                }
            }

            ConnectionStatus status = engine.GetStatus(_connection);
            LastStatus = status;
            if (status.State < TcpState.Established)
            {
                return progress | CheckEnded(status);
            }

            ConnectedAt ??= now;
            progress |= Write(engine, now);
            progress |= Read(engine, now);
            status = engine.GetStatus(_connection);
            LastStatus = status;
            if (!_receiveComplete && status.ReceiveFinished && status.ReadableBytes == 0)
            {
                _receiveComplete = true;
                ReceiveCompletedAt = now;
                progress = true;
            }

            return progress | CheckEnded(status);
        }

        public void Dispose()
        {
            _sentHash.Dispose();
            _receivedHash.Dispose();
        }

        private bool Open(TcpEngine engine, Instant now)
        {
            if (_remote is { } remote)
            {
                _connection = engine.Connect(_local, remote, now);
                return true;
            }

            if (!_listener.IsValid)
            {
                _listener = engine.Listen(_local);
            }

            return engine.TryAccept(_listener, out _connection);
        }

        private bool Write(TcpEngine engine, Instant now)
        {
            bool progress = false;
            while (BytesSent < _bytesToSend)
            {
                if (_chunkOffset == _chunkLength)
                {
                    _chunkLength = (int)Math.Min(ChunkSize, _bytesToSend - _generated);
                    _data.NextBytes(_chunk.AsSpan(0, _chunkLength));
                    _sentHash.AppendData(_chunk, 0, _chunkLength);
                    _generated += _chunkLength;
                    _chunkOffset = 0;
                }

                int accepted = engine.Send(_connection, _chunk.AsSpan(_chunkOffset, _chunkLength - _chunkOffset), now);
                if (accepted == 0)
                {
                    break;
                }

                _chunkOffset += accepted;
                BytesSent += accepted;
                progress = true;
            }

            if (BytesSent == _bytesToSend && !_closeIssued)
            {
                engine.Close(_connection, now);
                _closeIssued = true;
                progress = true;
            }

            return progress;
        }

        private bool Read(TcpEngine engine, Instant now)
        {
            bool progress = false;
            while (true)
            {
                int read = engine.Read(_connection, _readBuffer, now);
                if (read == 0)
                {
                    return progress;
                }

                _receivedHash.AppendData(_readBuffer, 0, read);
                BytesReceived += read;
                progress = true;
            }
        }

        private static bool DrainNotifications(TcpEngine engine)
        {
            bool any = false;
            while (engine.TryDequeueNotification(out _))
            {
                any = true;
            }

            return any;
        }

        /// <summary>Records a failure when the connection ended before this side finished.</summary>
        private bool CheckEnded(ConnectionStatus status)
        {
            if (Failure is not null || status.EndReason == EndReason.None || IsFinished)
            {
                return false;
            }

            if (status.EndReason != EndReason.Graceful || !_receiveComplete)
            {
                Failure = $"connection ended ({status.EndReason}) in {status.RfcStateName} after sending {BytesSent} and receiving {BytesReceived} bytes";
                return true;
            }

            return false;
        }
    }
}
