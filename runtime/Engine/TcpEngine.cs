using System;
using TcpGen.Runtime.Timers;

namespace TcpGen.Runtime.Engine
{
    /// <summary>
    /// The sans-IO TCP engine: it takes IP packets and user calls with the current time, and produces IP packets
    /// to send, notifications and its next deadline. It owns no thread, socket or clock, and is not thread-safe:
    /// one caller (the stack's loop, or a test) drives it.
    /// CONTRACT STUB: the embedding layer codes against these members; the engine work fills them in.
    /// </summary>
    public sealed class TcpEngine : IDisposable
    {
        public TcpEngine(TcpEngineOptions options, ReadOnlySpan<byte> isnSecret, Instant now)
        {
            Options = options;
            _ = isnSecret;
            _ = now;
        }

        /// <summary>The options the engine was created with.</summary>
        public TcpEngineOptions Options { get; }

        /// <summary>Totals and drops.</summary>
        public TcpCounters Counters { get; } = new TcpCounters();

        /// <summary>The largest IP packet TryDequeueOutgoing can produce (size the caller's buffer by it).</summary>
        public int MaxPacketSize => Options.MaxSegmentSize + 120;

        /// <summary>When Poll must next be called, or null when no timer is pending.</summary>
        public Instant? NextDeadline => throw new NotImplementedException();

        /// <summary>Processes one received IP packet (IPv4 or IPv6). Malformed packets are dropped and counted; never throws.</summary>
        public void Receive(ReadOnlySpan<byte> packet, Instant now) => throw new NotImplementedException();

        /// <summary>Fires due timers (retransmission, delayed ACK, TIME-WAIT, ...) and sends what the windows allow.</summary>
        public void Poll(Instant now) => throw new NotImplementedException();

        /// <summary>Copies the next packet to send into destination; false when there is none.</summary>
        public bool TryDequeueOutgoing(Span<byte> destination, out int length) => throw new NotImplementedException();

        /// <summary>Drains one notification; false when there is none.</summary>
        public bool TryDequeueNotification(out ConnectionNotification notification) => throw new NotImplementedException();

        /// <summary>Passive OPEN: a listener on the local endpoint.</summary>
        public ConnectionHandle Listen(Endpoint local) => throw new NotImplementedException();

        /// <summary>Takes an established connection from a listener's accept queue.</summary>
        public bool TryAccept(ConnectionHandle listener, out ConnectionHandle connection) => throw new NotImplementedException();

        /// <summary>Active OPEN: sends a SYN; Connected (or Closed with Refused/TimedOut) is notified later.</summary>
        public ConnectionHandle Connect(Endpoint local, Endpoint remote, Instant now) => throw new NotImplementedException();

        /// <summary>SEND: queues as much of data as the send buffer takes; returns the bytes queued.</summary>
        public int Send(ConnectionHandle connection, ReadOnlySpan<byte> data, Instant now) => throw new NotImplementedException();

        /// <summary>RECEIVE: copies in-order data out; 0 when none (check ConnectionStatus.ReceiveFinished for end of stream).</summary>
        public int Read(ConnectionHandle connection, Span<byte> destination, Instant now) => throw new NotImplementedException();

        /// <summary>CLOSE: no more data from us; a FIN follows the queued data (half-close: reading continues).</summary>
        public void Close(ConnectionHandle connection, Instant now) => throw new NotImplementedException();

        /// <summary>ABORT: resets the peer and deletes the connection.</summary>
        public void Abort(ConnectionHandle connection, Instant now) => throw new NotImplementedException();

        /// <summary>The user is done with the handle; the engine frees the connection once it is CLOSED.</summary>
        public void Release(ConnectionHandle connection) => throw new NotImplementedException();

        /// <summary>Per-connection Nagle switch (MUST-17).</summary>
        public void SetNoDelay(ConnectionHandle connection, bool noDelay) => throw new NotImplementedException();

        /// <summary>A snapshot of the connection.</summary>
        public ConnectionStatus GetStatus(ConnectionHandle connection) => throw new NotImplementedException();

        /// <summary>Connections per RFC state name, like `netstat -n | awk '/^tcp/ {++S[$NF]}'`; fills counts indexed by TcpState.</summary>
        public void CountStates(Span<int> countsByState) => throw new NotImplementedException();

        public void Dispose()
        {
        }
    }
}
