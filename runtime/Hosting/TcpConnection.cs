using System;
using System.Buffers;
using System.IO;
using System.Runtime.CompilerServices;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;
using TcpGen.Runtime.Engine;
using TcpGen.Runtime.Timers;

namespace TcpGen.Runtime.Hosting
{
    /// <summary>
    /// One TCP connection of a <see cref="TcpStack"/>, usable from any thread: read and write through
    /// <see cref="Input"/>/<see cref="Output"/> (System.IO.Pipelines) or through <see cref="GetStream"/>; half-close with
    /// <see cref="ShutdownOutput"/>; close gracefully with <see cref="CloseAsync"/>; reset with <see cref="Abort"/>.
    /// <para>
    /// Only the stack's loop thread touches the engine. Bytes cross threads through two pipes: the user writes into
    /// the send pipe and the loop hands what the engine's send buffer takes; the loop reads from the engine into the
    /// receive pipe until its threshold, after which the engine's window closes (flow control reaches the peer).
    /// A connection that ends by reset, refusal, time-out or abort fails reads and writes with a
    /// <see cref="TcpConnectionException"/> (an <see cref="IOException"/>) naming the reason (MUST-12).
    /// </para>
    /// </summary>
    public sealed class TcpConnection : IDuplexPipe, IAsyncDisposable, IDisposable
    {
        /// <summary>The stack whose loop serves this connection.</summary>
        private readonly TcpStack _stack;

        /// <summary>Engine to user: the loop writes, the user reads <see cref="Input"/>.</summary>
        private readonly Pipe _receivePipe;

        /// <summary>User to engine: the user writes <see cref="Output"/>, the loop reads.</summary>
        private readonly Pipe _sendPipe;

        /// <summary>Cached callback that queues this connection for the loop (no allocation per wake-up).</summary>
        private readonly Action _wakeLoop;

        /// <summary>Completes when the connection is finished from the user's point of view (CLOSED or TIME-WAIT).</summary>
        private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes when the handshake of an active open completes, or fails with why it did not.</summary>
        private readonly TaskCompletionSource _established = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Unread bytes the loop buffers before it stops reading from the engine.</summary>
        private readonly long _receiveThreshold;

        /// <summary>The stream view, made on first request.</summary>
        private TcpConnectionStream? _stream;

        /// <summary>Current state, as an int for volatile access from any thread.</summary>
        private int _state;

        /// <summary>How the connection ended, as an int for volatile access from any thread.</summary>
        private int _endReason;

        /// <summary>1 once the user disposed the connection.</summary>
        private int _disposed;

        /// <summary>1 while the connection sits in the stack's ready queue, so it is queued at most once.</summary>
        internal int QueuedForLoop;

        // Everything below is touched only by the loop thread.

        /// <summary>A send-pipe read waiting for the user to write (its continuation wakes the loop).</summary>
        private ValueTask<ReadResult> _pendingSendRead;

        /// <summary>True while <see cref="_pendingSendRead"/> is outstanding.</summary>
        private bool _sendReadArmed;

        /// <summary>A receive-pipe flush waiting for the user to read (its continuation wakes the loop).</summary>
        private ValueTask<FlushResult> _pendingReceiveFlush;

        /// <summary>True while <see cref="_pendingReceiveFlush"/> is outstanding.</summary>
        private bool _receiveFlushArmed;

        /// <summary>True once the user's output ended and the engine was told to CLOSE (FIN after queued data).</summary>
        private bool _outputClosed;

        /// <summary>True once the send pipe's reader side was completed.</summary>
        private bool _sendPipeDone;

        /// <summary>True once the receive pipe's writer side was completed (end of stream or failure).</summary>
        private bool _receivePipeDone;

        /// <summary>True when received data is dropped instead of delivered (after CloseAsync or when the user stopped reading).</summary>
        private bool _discardInput;

        /// <summary>True once the user asked for the handle to be released.</summary>
        private bool _releaseRequested;

        /// <summary>True once the engine was told the handle is no longer used.</summary>
        private bool _released;

        /// <summary>True once the end (CLOSED) was processed.</summary>
        private bool _ended;

        /// <summary>Urgent data waiting for the send pipe to drain into the engine (ordered after it), or null.</summary>
        private byte[]? _urgentData;

        /// <summary>How much of <see cref="_urgentData"/> the engine has taken.</summary>
        private int _urgentSent;

        /// <summary>Completes the caller of <see cref="SendUrgentAsync"/> once the engine holds all its urgent data.</summary>
        private TaskCompletionSource? _urgentDone;

        /// <summary>Octets read from the engine so far (delivered or discarded): the receive stream offset of the engine's read position.</summary>
        private long _bytesFromEngine;

        /// <summary>The urgent mark last reported, as a stream offset (any thread reads it through <see cref="UrgentMark"/>).</summary>
        private long _urgentMark;

        /// <summary>R1 advisories received (any thread reads it through <see cref="DeliveryProblems"/>).</summary>
        private long _deliveryProblems;

        /// <summary>The latest ICMP error directed to this connection, boxed for an atomic read from any thread.</summary>
        private StrongBox<IcmpError>? _lastIcmpError;

        internal TcpConnection(TcpStack stack, TcpStackOptions options)
        {
            _stack = stack;
            _receiveThreshold = options.ReceiveBufferThreshold;

            // User-side continuations run on the thread pool, never on the loop thread; loop-side ones only queue a wake-up.
            _receivePipe = new Pipe(new PipeOptions(
                pauseWriterThreshold: options.ReceiveBufferThreshold,
                resumeWriterThreshold: options.ReceiveBufferThreshold / 2,
                readerScheduler: PipeScheduler.ThreadPool,
                writerScheduler: PipeScheduler.Inline,
                useSynchronizationContext: false));
            _sendPipe = new Pipe(new PipeOptions(
                pauseWriterThreshold: options.SendBufferThreshold,
                resumeWriterThreshold: options.SendBufferThreshold / 2,
                readerScheduler: PipeScheduler.Inline,
                writerScheduler: PipeScheduler.ThreadPool,
                useSynchronizationContext: false));
            _wakeLoop = WakeLoop;
        }

        /// <summary>Raised on the stack's loop thread after every state change; handlers must return quickly and not block.</summary>
        public event EventHandler<ConnectionStateChangedEventArgs>? StateChanged;

        /// <summary>
        /// Raised on the loop thread when the peer's urgent pointer moves forward (MUST-32): urgent data is in the
        /// received stream up to <see cref="UrgentDataEventArgs.UrgentMark"/>. Handlers must return quickly.
        /// </summary>
        public event EventHandler<UrgentDataEventArgs>? UrgentDataReceived;

        /// <summary>
        /// Raised on the loop thread when a segment was retransmitted R1 times without an answer (MUST-20 negative
        /// advice): the path may be failing. The connection goes on until the user timeout (R2). Handlers must return quickly.
        /// </summary>
        public event EventHandler? DeliveryProblem;

        /// <summary>Raised on the loop thread when an ICMP error about this connection arrives (MUST-54, SHLD-25); the connection goes on (MUST-56).</summary>
        public event EventHandler<IcmpErrorEventArgs>? IcmpErrorReceived;

        /// <summary>
        /// Offset in the received byte stream (0 = the first byte received) of the first byte after the peer's urgent
        /// data; 0 when no urgent data was ever announced. Bytes read before this offset are urgent (MUST-33).
        /// </summary>
        public long UrgentMark => Volatile.Read(ref _urgentMark);

        /// <summary>How many times the engine advised of a delivery problem (R1, MUST-20) on this connection.</summary>
        public long DeliveryProblems => Volatile.Read(ref _deliveryProblems);

        /// <summary>The latest ICMP error directed to this connection (MUST-54), or null when none arrived.</summary>
        public IcmpError? LastIcmpError => Volatile.Read(ref _lastIcmpError)?.Value;

        /// <summary>Bytes the peer sent (the receive side). Complete it to stop reading: later data is discarded.</summary>
        public PipeReader Input => _receivePipe.Reader;

        /// <summary>Bytes to send. Complete it to half-close (FIN after what was written).</summary>
        public PipeWriter Output => _sendPipe.Writer;

        /// <summary>Our end of the connection.</summary>
        public Endpoint LocalEndpoint { get; internal set; }

        /// <summary>The peer's end.</summary>
        public Endpoint RemoteEndpoint { get; internal set; }

        /// <summary>The RFC 9293 state as last seen by the loop.</summary>
        public TcpState State => (TcpState)Volatile.Read(ref _state);

        /// <summary>The RFC name of <see cref="State"/>.</summary>
        public string RfcStateName => TcpTransitions.RfcStateName(State);

        /// <summary>How the connection ended: None while it is open, Graceful once both FINs are acknowledged (TIME-WAIT included).</summary>
        public EndReason EndReason => (EndReason)Volatile.Read(ref _endReason);

        /// <summary>Completes when the connection is finished: CLOSED, or TIME-WAIT after both FINs.</summary>
        public Task Completion => _finished.Task;

        /// <summary>The engine's handle (loop thread only).</summary>
        internal ConnectionHandle Handle { get; set; } = ConnectionHandle.None;

        /// <summary>Completes when an active open is established (or fails).</summary>
        internal Task Established => _established.Task;

        /// <summary>A bidirectional stream over the connection; the same instance on every call. Disposing it disposes the connection.</summary>
        public Stream GetStream() => _stream ??= new TcpConnectionStream(this);

        /// <summary>Half-close: no more data from us; the peer reads end-of-stream after what was written. Reading continues.</summary>
        public void ShutdownOutput() => _sendPipe.Writer.Complete();

        /// <summary>Flushes what was written, then half-closes as <see cref="ShutdownOutput"/>.</summary>
        public async ValueTask ShutdownOutputAsync(CancellationToken cancellationToken = default)
        {
            await _sendPipe.Writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            await _sendPipe.Writer.CompleteAsync().ConfigureAwait(false);
        }

        /// <summary>Sets or clears TCP_NODELAY (Nagle off) for this connection (MUST-17).</summary>
        public void SetNoDelay(bool noDelay) => _stack.Post(new StackCommand(StackCommandKind.SetNoDelay, this, flag: noDelay));

        /// <summary>
        /// Turns keep-alives on or off for this connection (MUST-24; off unless asked for, MUST-25). Idle time, interval
        /// and probe count come from <see cref="TcpEngineOptions"/> (MUST-27).
        /// </summary>
        public void SetKeepAlive(bool enabled) => _stack.Post(new StackCommand(StackCommandKind.SetKeepAlive, this, flag: enabled));

        /// <summary>Sets the user timeout R2 of this connection: retransmitting this long without progress ends it as timed out (MUST-20, MUST-21).</summary>
        public void SetUserTimeout(TimeSpan timeout)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
            _stack.Post(new StackCommand(StackCommandKind.SetUserTimeout, this, duration: timeout));
        }

        /// <summary>
        /// Sends <paramref name="data"/> as urgent data (RFC 9293 3.8.5, MUST-30): it follows everything written to
        /// <see cref="Output"/> before the call (which is flushed first), and the urgent pointer marks its end (MUST-62).
        /// Completes when the engine holds all of it. Do not write to <see cref="Output"/> until it completes.
        /// </summary>
        public async Task SendUrgentAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
        {
            if (data.IsEmpty)
            {
                return;
            }

            // Throws InvalidOperationException once the output was completed (shut down): nothing more may be sent.
            _sendPipe.Writer.GetSpan();

            // Everything written before must reach the send pipe first: the loop drains it ahead of the urgent data.
            await _sendPipe.Writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _stack.Post(new StackCommand(StackCommandKind.SendUrgent, this, completion: done, data: data.ToArray()));
            await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Graceful close: sends a FIN after everything written, discards data still arriving, and completes when the
        /// connection is finished (both FINs exchanged). Throws <see cref="TcpConnectionException"/> if it ended by reset.
        /// </summary>
        public async Task CloseAsync(CancellationToken cancellationToken = default)
        {
            try
            {
                await ShutdownOutputAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                // The output was already completed by the user: the FIN is on its way.
            }

            _stack.Post(new StackCommand(StackCommandKind.DiscardInput, this));
            await _finished.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            EndReason reason = EndReason;
            if (reason is not (EndReason.None or EndReason.Graceful))
            {
                throw new TcpConnectionException(reason);
            }
        }

        /// <summary>Resets the connection (RST to the peer); pending and later reads and writes fail.</summary>
        public void Abort() => _stack.Post(new StackCommand(StackCommandKind.Abort, this));

        /// <summary>
        /// Releases the connection: a FIN follows what was written (or a reset, if received data is left unread in
        /// <see cref="Input"/> or the engine, SHLD-3), and the stack forgets it once the engine has everything. Does not
        /// wait for the peer.
        /// </summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            bool unread = HasUnreadInput();
            _sendPipe.Writer.Complete();
            _receivePipe.Reader.Complete();
            _stack.Post(new StackCommand(StackCommandKind.Release, this, flag: unread));
        }

        /// <inheritdoc cref="Dispose"/>
        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        /// <summary>True when received bytes sit in the receive pipe unconsumed (user thread, before the reader is completed).</summary>
        private bool HasUnreadInput()
        {
            try
            {
                // After the user examined the data without consuming it TryRead would wait for new bytes; a cancelled
                // read returns whatever is unconsumed at once.
                _receivePipe.Reader.CancelPendingRead();
                if (_receivePipe.Reader.TryRead(out ReadResult result))
                {
                    bool unread = !result.Buffer.IsEmpty;
                    _receivePipe.Reader.AdvanceTo(result.Buffer.Start);
                    return unread;
                }
            }
            catch (InvalidOperationException)
            {
                // A read is outstanding on another thread, or the user already completed Input: nothing to tell.
            }
            catch (TcpConnectionException)
            {
                // The connection already ended by a reset or an error: there is no peer left to reset.
            }

            return false;
        }

        /// <inheritdoc />
        public override string ToString() => $"{LocalEndpoint.Address}:{LocalEndpoint.Port} -> {RemoteEndpoint.Address}:{RemoteEndpoint.Port} {RfcStateName}";

        // ---- Loop thread only below ----

        /// <summary>Binds the connection to its engine handle and endpoints.</summary>
        internal void Attach(ConnectionHandle handle, in ConnectionStatus status)
        {
            Handle = handle;
            LocalEndpoint = status.Local;
            RemoteEndpoint = status.Remote;
            Volatile.Write(ref _state, (int)status.State);
        }

        /// <summary>Moves bytes both ways, notices the end of either stream and of the connection. Returns true if it can be forgotten.</summary>
        internal bool Service(TcpEngine engine, Instant now)
        {
            if (_released)
            {
                return true;
            }

            ConsumeCompletedWaits();
            if (!_ended)
            {
                PumpSend(engine, now);
            }

            // After a graceful end the engine may still hold data that arrived before the peer's FIN.
            if (!_ended || EndReason == EndReason.Graceful)
            {
                PumpReceive(engine, now);
            }

            ConnectionStatus status = engine.GetStatus(Handle);
            Observe(status);
            if (!_receivePipeDone && !_receiveFlushArmed && status.ReceiveFinished && status.ReadableBytes == 0)
            {
                _receivePipe.Writer.Complete();
                _receivePipeDone = true;
            }

            // The engine reports a graceful end on entering TIME-WAIT; the connection is CLOSED only 2 MSL later
            // (MUST-13), so until then it stays TIME-WAIT here too (Completion and EndReason already say it is over).
            if (!_ended && status.EndReason != EndReason.None && status.State != TcpState.TimeWait)
            {
                End(status.EndReason);
            }

            // The engine keeps the connection (FIN retransmissions, TIME-WAIT) after release; we need it no longer.
            if (!_released && ((_ended && _receivePipeDone) || (_releaseRequested && _outputClosed)))
            {
                engine.Release(Handle);
                _released = true;
            }

            return _released;
        }

        /// <summary>Runs a user command on the loop thread.</summary>
        internal void Execute(in StackCommand command, TcpEngine engine, Instant now)
        {
            bool flag = command.Flag;
            switch (command.Kind)
            {
                case StackCommandKind.Abort:
                    if (!_ended)
                    {
                        engine.Abort(Handle, now);
                        End(EndReason.Aborted);
                    }

                    break;
                case StackCommandKind.DiscardInput:
                    _discardInput = true;
                    break;
                case StackCommandKind.Release:
                    if (!_ended && (flag || engine.GetStatus(Handle).ReadableBytes > 0))
                    {
                        // Received data will never be read: reset rather than close, so the peer knows it was lost (SHLD-3).
                        engine.Abort(Handle, now);
                        End(EndReason.Aborted);
                    }

                    _discardInput = true;
                    _releaseRequested = true;
                    break;
                case StackCommandKind.SetNoDelay:
                    engine.SetNoDelay(Handle, flag);
                    break;
                case StackCommandKind.SetKeepAlive:
                    engine.SetKeepAlive(Handle, flag);
                    break;
                case StackCommandKind.SetUserTimeout:
                    engine.SetUserTimeout(Handle, command.Duration);
                    break;
                case StackCommandKind.SendUrgent:
                    QueueUrgent(command);
                    break;
            }
        }

        /// <summary>A command for a connection the engine no longer (or never) knew: its caller must not wait forever.</summary>
        internal void Reject(in StackCommand command)
        {
            if (command.Completion is TaskCompletionSource done)
            {
                done.TrySetException(_ended ? new TcpConnectionException(EndReason) : new InvalidOperationException("The connection is not open."));
            }
        }

        /// <summary>An engine notification for this connection that the user hears of as an event (loop thread).</summary>
        internal void Notice(NotificationKind kind, TcpEngine engine)
        {
            switch (kind)
            {
                case NotificationKind.DeliveryProblem:
                    Interlocked.Increment(ref _deliveryProblems);
                    DeliveryProblem?.Invoke(this, EventArgs.Empty);
                    break;
                case NotificationKind.IcmpError:
                    IcmpError error = engine.GetStatus(Handle).LastIcmpError;
                    Volatile.Write(ref _lastIcmpError, new StrongBox<IcmpError>(error));
                    IcmpErrorReceived?.Invoke(this, new IcmpErrorEventArgs(error));
                    break;
                case NotificationKind.Urgent:
                    ObserveUrgent(engine);
                    break;
            }
        }

        /// <summary>Urgent data to send once the send pipe is drained; a second call while one waits is refused.</summary>
        private void QueueUrgent(in StackCommand command)
        {
            var done = (TaskCompletionSource)command.Completion!;
            if (_ended)
            {
                done.TrySetException(new TcpConnectionException(EndReason));
            }
            else if (_urgentDone is not null)
            {
                done.TrySetException(new InvalidOperationException("An urgent send is already in progress on this connection."));
            }
            else if (_outputClosed)
            {
                done.TrySetException(new InvalidOperationException("The output was shut down: nothing more can be sent."));
            }
            else
            {
                _urgentData = command.Data;
                _urgentSent = 0;
                _urgentDone = done;
            }
        }

        /// <summary>Hands the engine what it takes of the waiting urgent data; true once all of it is queued.</summary>
        private bool PumpUrgent(TcpEngine engine, Instant now)
        {
            if (_urgentData is not { } data)
            {
                return true;
            }

            _urgentSent += engine.Send(Handle, data.AsSpan(_urgentSent), now, urgent: true);
            if (_urgentSent < data.Length)
            {
                return false; // the send buffer is full; its Writable notification brings us back
            }

            TaskCompletionSource done = _urgentDone!;
            _urgentData = null;
            _urgentDone = null;
            done.TrySetResult();
            return true;
        }

        /// <summary>Fails a waiting urgent send: the connection ended before the engine took it all.</summary>
        private void FailUrgent(Exception error)
        {
            if (_urgentDone is { } done)
            {
                _urgentData = null;
                _urgentDone = null;
                done.TrySetException(error);
            }
        }

        /// <summary>Reports a forward move of the peer's urgent pointer, as an offset in the received stream (MUST-32).</summary>
        private void ObserveUrgent(TcpEngine engine)
        {
            int urgent = engine.GetStatus(Handle).UrgentBytes;
            long mark = _bytesFromEngine + urgent;
            if (urgent > 0 && mark > Volatile.Read(ref _urgentMark))
            {
                Volatile.Write(ref _urgentMark, mark);
                UrgentDataReceived?.Invoke(this, new UrgentDataEventArgs(mark));
            }
        }

        /// <summary>Fails the connection locally (stack shutting down or loop failure) without touching the engine.</summary>
        internal void Fail(EndReason reason, Exception? cause = null)
        {
            if (_ended)
            {
                return;
            }

            Exception error = cause is null ? new TcpConnectionException(reason) : new TcpConnectionException(TcpConnectionException.MessageFor(reason), cause);
            _ended = true;
            Volatile.Write(ref _endReason, (int)reason);
            Volatile.Write(ref _state, (int)TcpState.Closed);
            FailUrgent(error);
            CompleteSendPipe(error);
            CompleteReceivePipe(error);
            _established.TrySetException(error);
            _finished.TrySetResult();
        }

        /// <summary>The connection reached CLOSED: completes the pipes normally or with the reason as an exception.</summary>
        private void End(EndReason reason)
        {
            _ended = true;
            Volatile.Write(ref _endReason, (int)reason);
            if (reason == EndReason.Graceful)
            {
                // The receive pipe completes once the engine's remaining data has been delivered (see Service).
                FailUrgent(new InvalidOperationException("The connection closed before the urgent data was queued."));
                CompleteSendPipe(null);
                _established.TrySetResult();
            }
            else
            {
                var error = new TcpConnectionException(reason);
                FailUrgent(error);
                CompleteSendPipe(error);
                CompleteReceivePipe(error);
                _established.TrySetException(error);
            }

            TcpState previous = State;
            if (previous != TcpState.Closed)
            {
                Volatile.Write(ref _state, (int)TcpState.Closed);
                RaiseStateChanged(previous, TcpState.Closed, reason);
            }

            _finished.TrySetResult();
        }

        /// <summary>Records the engine's view of the connection and raises <see cref="StateChanged"/> when it moved.</summary>
        private void Observe(in ConnectionStatus status)
        {
            if (_ended)
            {
                return;
            }

            bool timeWait = status.State == TcpState.TimeWait;
            if (timeWait)
            {
                // Both FINs are acknowledged: for the user the close was graceful, although the engine keeps the
                // connection in TIME-WAIT for 2 MSL (MUST-13) before it reaches CLOSED.
                Volatile.Write(ref _endReason, (int)EndReason.Graceful);
            }

            TcpState previous = State;
            if (status.State != previous && !(status.State == TcpState.Closed && status.EndReason == EndReason.None))
            {
                Volatile.Write(ref _state, (int)status.State);
                RaiseStateChanged(previous, status.State, timeWait ? EndReason.Graceful : status.EndReason);
            }

            if (status.State >= TcpState.Established)
            {
                _established.TrySetResult();
            }

            if (timeWait)
            {
                _finished.TrySetResult();
            }
        }

        private void RaiseStateChanged(TcpState previous, TcpState current, EndReason reason)
        {
            StateChanged?.Invoke(this, new ConnectionStateChangedEventArgs(previous, current, reason));
        }

        /// <summary>Consumes the pipe operations whose completion woke us, so the pipes can be used again.</summary>
        private void ConsumeCompletedWaits()
        {
            if (_sendReadArmed && _pendingSendRead.IsCompleted)
            {
                _sendReadArmed = false;
                try
                {
                    ReadResult result = _pendingSendRead.Result;
                    _sendPipe.Reader.AdvanceTo(result.Buffer.Start);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // The user completed Output with an error: treat it as an abort request.
                    _sendPipeDone = true;
                    _stack.Post(new StackCommand(StackCommandKind.Abort, this));
                }
            }

            if (_receiveFlushArmed && _pendingReceiveFlush.IsCompleted)
            {
                _receiveFlushArmed = false;
                FlushResult flush = _pendingReceiveFlush.Result;
                if (flush.IsCompleted)
                {
                    StopDelivering();
                }
            }
        }

        /// <summary>Hands the engine as much of the send pipe as its send buffer takes; CLOSE once the user's output ended.</summary>
        private void PumpSend(TcpEngine engine, Instant now)
        {
            PipeReader reader = _sendPipe.Reader;
            if (_sendReadArmed && !_sendPipeDone)
            {
                // A read waits on an empty pipe: nothing written before the urgent data is left to go first.
                PumpUrgent(engine, now);
            }

            while (!_sendPipeDone && !_sendReadArmed)
            {
                ReadResult result;
                try
                {
                    if (!reader.TryRead(out result))
                    {
                        // The pipe is empty: urgent data queued behind what it held goes now.
                        if (!PumpUrgent(engine, now))
                        {
                            return;
                        }

                        ValueTask<ReadResult> pending = reader.ReadAsync();
                        if (!pending.IsCompleted)
                        {
                            _pendingSendRead = pending;
                            _sendReadArmed = true;
                            pending.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_wakeLoop);
                            return;
                        }

                        result = pending.Result;
                    }
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // Output was completed with an error by the user: abort.
                    _sendPipeDone = true;
                    engine.Abort(Handle, now);
                    End(EndReason.Aborted);
                    return;
                }

                ReadOnlySequence<byte> buffer = result.Buffer;
                SequencePosition consumed = buffer.Start;
                bool blocked = false;
                foreach (ReadOnlyMemory<byte> segment in buffer)
                {
                    int accepted = engine.Send(Handle, segment.Span, now);
                    consumed = buffer.GetPosition(accepted, consumed);
                    if (accepted < segment.Length)
                    {
                        blocked = true;
                        break;
                    }
                }

                reader.AdvanceTo(consumed);
                if (blocked)
                {
                    // The engine's send buffer is full; its Writable notification brings us back.
                    return;
                }

                if (result.IsCompleted)
                {
                    if (!PumpUrgent(engine, now))
                    {
                        return; // the FIN follows the urgent data
                    }

                    engine.Close(Handle, now);
                    _outputClosed = true;
                    reader.Complete();
                    _sendPipeDone = true;
                    return;
                }
            }
        }

        /// <summary>Moves received bytes from the engine into the receive pipe up to its threshold, then flushes.</summary>
        private void PumpReceive(TcpEngine engine, Instant now)
        {
            if (_receiveFlushArmed)
            {
                return;
            }

            if (_discardInput || _receivePipeDone)
            {
                StopDelivering();
                Span<byte> scratch = _stack.DiscardBuffer;
                int discarded;
                while ((discarded = engine.Read(Handle, scratch, now)) > 0)
                {
                    _bytesFromEngine += discarded;
                }

                return;
            }

            PipeWriter writer = _receivePipe.Writer;
            bool wrote = false;
            while (writer.UnflushedBytes < _receiveThreshold)
            {
                Span<byte> span = writer.GetSpan();
                int read = engine.Read(Handle, span, now);
                if (read == 0)
                {
                    break;
                }

                writer.Advance(read);
                _bytesFromEngine += read;
                wrote = true;
            }

            if (!wrote)
            {
                return;
            }

            ValueTask<FlushResult> flush = writer.FlushAsync();
            if (!flush.IsCompleted)
            {
                _pendingReceiveFlush = flush;
                _receiveFlushArmed = true;
                flush.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_wakeLoop);
                return;
            }

            if (flush.Result.IsCompleted)
            {
                // The user completed Input: nobody will read again.
                StopDelivering();
            }
        }

        /// <summary>From now on received data is read from the engine and dropped.</summary>
        private void StopDelivering()
        {
            _discardInput = true;
            if (!_receivePipeDone && !_receiveFlushArmed)
            {
                _receivePipe.Writer.Complete();
                _receivePipeDone = true;
            }
        }

        private void CompleteSendPipe(Exception? error)
        {
            if (_sendPipeDone)
            {
                return;
            }

            PipeReader reader = _sendPipe.Reader;
            if (_sendReadArmed)
            {
                // Cancelling completes the outstanding read at once; consume it before completing the reader.
                reader.CancelPendingRead();
                ConsumeCompletedWaits();
            }

            reader.Complete(error);
            _sendPipeDone = true;
        }

        private void CompleteReceivePipe(Exception? error)
        {
            if (_receivePipeDone)
            {
                return;
            }

            PipeWriter writer = _receivePipe.Writer;
            if (_receiveFlushArmed)
            {
                writer.CancelPendingFlush();
                ConsumeCompletedWaits();
                if (_receivePipeDone)
                {
                    return;
                }
            }

            writer.Complete(error);
            _receivePipeDone = true;
        }

        /// <summary>A pipe operation finished on some thread: ask the loop to service this connection.</summary>
        private void WakeLoop() => _stack.Signal(this);
    }
}
