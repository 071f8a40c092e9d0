using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using TcpGen.Runtime.Links;
using TcpGen.Runtime.Timers;

namespace TcpGen.Runtime.Hosting
{
    /// <summary>
    /// Runs one sans-IO <see cref="TcpEngine"/> on its own loop thread over an <see cref="ILink"/>, with the wall clock
    /// (Instants from the injected <see cref="TimeProvider"/>). Every public member is thread-safe: user calls are
    /// queued for the loop and the link is interrupted so the loop picks them up at once; data moves through each
    /// connection's pipes. The loop receives packets, feeds the engine, fires its timers, delivers its notifications
    /// to connections and listeners, and sends what the engine produced, then sleeps in
    /// <see cref="ILink.WaitReceivable"/> until a packet, a user call or the engine's next deadline.
    /// </summary>
    public sealed class TcpStack : IAsyncDisposable, IDisposable
    {
        /// <summary>Longest sleep of the loop, so published counters stay fresh when nothing happens.</summary>
        private static readonly TimeSpan MaxIdleWait = TimeSpan.FromMilliseconds(100);

        /// <summary>Packets received per loop pass before the loop looks at user calls again (fairness).</summary>
        private const int ReceiveBatch = 64;

        /// <summary>How often, in microseconds, every live connection is re-examined for state changes that raise no notification.</summary>
        private const long SweepIntervalMicroseconds = 10_000;

        /// <summary>How often, in microseconds, connection counts per state are republished for metrics.</summary>
        private const long PublishIntervalMicroseconds = 100_000;

        /// <summary>The link packets come from and go to.</summary>
        private readonly ILink _link;

        /// <summary>The engine; touched only by the loop thread.</summary>
        private readonly TcpEngine _engine;

        /// <summary>Options given at construction.</summary>
        private readonly TcpStackOptions _options;

        /// <summary>The clock the loop reads.</summary>
        private readonly TimeProvider _time;

        /// <summary>Timestamp of construction; Instants count microseconds from it.</summary>
        private readonly long _origin;

        /// <summary>User calls waiting for the loop.</summary>
        private readonly ConcurrentQueue<StackCommand> _commands = new();

        /// <summary>Connections whose pipes woke up (the user wrote or read), waiting for the loop.</summary>
        private readonly ConcurrentQueue<TcpConnection> _signaled = new();

        /// <summary>Live connections by engine handle (loop thread only).</summary>
        private readonly Dictionary<ConnectionHandle, TcpConnection> _connections = new();

        /// <summary>Listeners by engine handle (loop thread only).</summary>
        private readonly Dictionary<ConnectionHandle, ConnectionListener> _listeners = new();

        /// <summary>Connections to service after this pass's notifications, each once (loop thread only).</summary>
        private readonly List<TcpConnection> _dirty = new();

        /// <summary>Same contents as <see cref="_dirty"/>, for O(1) de-duplication (loop thread only).</summary>
        private readonly HashSet<TcpConnection> _dirtySet = new();

        /// <summary>Connections that can be forgotten after a sweep (loop thread only).</summary>
        private readonly List<TcpConnection> _forget = new();

        /// <summary>Received packets land here; sized for the larger of the link MTU and the engine's packets.</summary>
        private readonly byte[] _packet;

        /// <summary>Connection counts by state, filled by the loop (scratch).</summary>
        private readonly int[] _stateScratch = new int[TcpTransitions.StateCount];

        /// <summary>Connection counts by state as last published for other threads.</summary>
        private readonly int[] _publishedStates = new int[TcpTransitions.StateCount];

        /// <summary>Metrics under the "TcpGen" meter.</summary>
        private readonly StackMetrics _metrics;

        /// <summary>The loop thread.</summary>
        private readonly Thread _thread;

        /// <summary>Completes when the loop thread has exited and cleaned up.</summary>
        private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>1 once disposal began: the loop winds down.</summary>
        private int _stopping;

        /// <summary>1 once the loop has drained its last commands; later posts fail at once.</summary>
        private int _closedForCommands;

        /// <summary>Why the loop died, if it did.</summary>
        private Exception? _loopFault;

        /// <summary>When the loop last swept every connection (microseconds).</summary>
        private long _lastSweep;

        /// <summary>When the loop last published state counts (microseconds).</summary>
        private long _lastPublish;

        /// <param name="link">The link to run on (owned by the stack unless <see cref="TcpStackOptions.OwnsLink"/> is false).</param>
        /// <param name="options">Local address and tunables.</param>
        public TcpStack(ILink link, TcpStackOptions options)
        {
            ArgumentNullException.ThrowIfNull(link);
            ArgumentNullException.ThrowIfNull(options);
            if (options.LocalAddress.Version == IpVersion.None)
            {
                throw new ArgumentException("TcpStackOptions.LocalAddress must be set to the stack's IP address.", nameof(options));
            }

            _link = link;
            _options = options;
            _time = options.Time;
            _origin = _time.GetTimestamp();
            byte[] secret = options.IsnSecret ?? RandomNumberGenerator.GetBytes(32);
            _engine = new TcpEngine(options.Engine, secret, Now()) { TransitionObserver = options.TransitionObserver };
            _packet = new byte[Math.Max(link.Mtu, _engine.MaxPacketSize)];
            DiscardBuffer = new byte[64 * 1024];
            _metrics = new StackMetrics(options.Name, _engine.Counters, state => Volatile.Read(ref _publishedStates[state]));
            _thread = new Thread(Loop) { IsBackground = true, Name = "tcpgen loop " + options.Name };
            _thread.Start();
        }

        /// <summary>The stack's IP address.</summary>
        public IpAddress LocalAddress => _options.LocalAddress;

        /// <summary>The name used in metrics.</summary>
        public string Name => _options.Name;

        /// <summary>The meter name the stack publishes under.</summary>
        public static string MeterName => StackMetrics.MeterName;

        /// <summary>The engine's running totals (read from any thread; values may lag the loop slightly).</summary>
        public TcpCounters Counters => _engine.Counters;

        /// <summary>The exception that stopped the loop thread, or null while it runs or after a clean stop.</summary>
        public Exception? LoopFault => Volatile.Read(ref _loopFault);

        /// <summary>Completes when the loop thread has stopped.</summary>
        public Task Completion => _stopped.Task;

        /// <summary>Scratch space for received data that is discarded (loop thread only).</summary>
        internal byte[] DiscardBuffer { get; }

        /// <summary>Connections in <paramref name="state"/> as last published (at most about 100 ms old).</summary>
        public int PublishedCount(TcpState state) => Volatile.Read(ref _publishedStates[(int)state]);

        /// <summary>Passive OPEN on <paramref name="port"/> of the stack's address.</summary>
        public async ValueTask<ConnectionListener> ListenAsync(ushort port, CancellationToken cancellationToken = default)
        {
            var listener = new ConnectionListener(this, new Endpoint(LocalAddress, port));
            var done = new TaskCompletionSource<ConnectionListener>(TaskCreationOptions.RunContinuationsAsynchronously);
            Post(new StackCommand(StackCommandKind.Listen, listener: listener, completion: done));
            return await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Active OPEN to <paramref name="remote"/> from an ephemeral port. Completes when the handshake does; fails
        /// with <see cref="TcpConnectionException"/> when refused or timed out. Cancelling aborts the attempt.
        /// </summary>
        public async ValueTask<TcpConnection> ConnectAsync(Endpoint remote, CancellationToken cancellationToken = default)
        {
            var connection = new TcpConnection(this, _options);
            Post(new StackCommand(StackCommandKind.Connect, connection, endpoint: remote));
            try
            {
                await connection.Established.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                connection.Abort();
                connection.Dispose();
                throw;
            }
            catch
            {
                connection.Dispose();
                throw;
            }

            return connection;
        }

        /// <summary>Active OPEN to <paramref name="address"/>:<paramref name="port"/>.</summary>
        public ValueTask<TcpConnection> ConnectAsync(IpAddress address, ushort port, CancellationToken cancellationToken = default) =>
            ConnectAsync(new Endpoint(address, port), cancellationToken);

        /// <summary>An exact snapshot of connections per state and MIB totals, taken on the loop thread.</summary>
        public async Task<TcpStackSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default)
        {
            var done = new TaskCompletionSource<TcpStackSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
            Post(new StackCommand(StackCommandKind.Snapshot, completion: done));
            return await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Stops the loop: open connections are reset, listeners closed, pending calls fail. Waits for the loop to exit.</summary>
        public void Dispose()
        {
            BeginStop();
            if (Thread.CurrentThread != _thread)
            {
                _thread.Join();
            }
        }

        /// <inheritdoc cref="Dispose"/>
        public async ValueTask DisposeAsync()
        {
            BeginStop();
            if (Thread.CurrentThread != _thread)
            {
                await _stopped.Task.ConfigureAwait(false);
            }
        }

        /// <summary>Queues a user call for the loop and wakes it.</summary>
        internal void Post(in StackCommand command)
        {
            _commands.Enqueue(command);
            if (Volatile.Read(ref _closedForCommands) != 0)
            {
                FailQueuedCommands();
                return;
            }

            _link.Interrupt();
        }

        /// <summary>A connection's pipe woke up: have the loop service it.</summary>
        internal void Signal(TcpConnection connection)
        {
            if (Interlocked.Exchange(ref connection.QueuedForLoop, 1) == 0)
            {
                _signaled.Enqueue(connection);
                _link.Interrupt();
            }
        }

        private void BeginStop()
        {
            if (Interlocked.Exchange(ref _stopping, 1) == 0)
            {
                _link.Interrupt();
            }
        }

        /// <summary>Microseconds since construction on the injected clock.</summary>
        private Instant Now() => new(_time.GetElapsedTime(_origin).Ticks / TimeSpan.TicksPerMicrosecond);

        private void Loop()
        {
            try
            {
                while (Volatile.Read(ref _stopping) == 0)
                {
                    Instant now = Now();
                    RunCommands(now);
                    ServeSignaled(now);
                    int received = 0;
                    while (received < ReceiveBatch && _link.TryReceive(_packet, out int length))
                    {
                        _engine.Receive(_packet.AsSpan(0, length), now);
                        received++;
                    }

                    _engine.Poll(now);
                    DispatchNotifications(now);
                    SweepIfDue(now);
                    FlushOutgoing();
                    PublishIfDue(now, force: false);

                    if (received == ReceiveBatch || !_commands.IsEmpty || !_signaled.IsEmpty)
                    {
                        continue;
                    }

                    TimeSpan wait = MaxIdleWait;
                    if (_engine.NextDeadline is { } deadline)
                    {
                        long untilDeadline = deadline.MicrosecondsSince(Now());
                        if (untilDeadline <= 0)
                        {
                            continue;
                        }

                        wait = TimeSpan.FromTicks(Math.Min(wait.Ticks, untilDeadline * TimeSpan.TicksPerMicrosecond));
                    }

                    _link.WaitReceivable(wait);
                }
            }
            catch (Exception ex)
            {
                // A bug in the engine or the stack: surface it on every pending operation instead of hanging them.
                Volatile.Write(ref _loopFault, ex);
            }
            finally
            {
                Shutdown();
            }
        }

        private void RunCommands(Instant now)
        {
            while (_commands.TryDequeue(out StackCommand command))
            {
                Execute(command, now);
            }
        }

        private void Execute(in StackCommand command, Instant now)
        {
            switch (command.Kind)
            {
                case StackCommandKind.Listen:
                    StartListening(command.Listener!, (TaskCompletionSource<ConnectionListener>)command.Completion!);
                    break;
                case StackCommandKind.Accept:
                    command.Listener!.Waiters.Enqueue((TaskCompletionSource<TcpConnection>)command.Completion!);
                    ServeAccepts(command.Listener!, now);
                    break;
                case StackCommandKind.StopListening:
                    StopListening(command.Listener!);
                    break;
                case StackCommandKind.Connect:
                    StartConnecting(command.Connection!, command.Endpoint, now);
                    break;
                case StackCommandKind.Snapshot:
                    PublishIfDue(now, force: true);
                    ((TaskCompletionSource<TcpStackSnapshot>)command.Completion!).TrySetResult(new TcpStackSnapshot(_stateScratch, _engine.Counters));
                    break;
                default:
                    TcpConnection connection = command.Connection!;
                    if (connection.Handle.IsValid)
                    {
                        connection.Execute(command, _engine, now);
                        MarkDirty(connection);
                        ServeDirty(now);
                    }
                    else
                    {
                        connection.Reject(command);
                    }

                    break;
            }
        }

        private void StartListening(ConnectionListener listener, TaskCompletionSource<ConnectionListener> done)
        {
            ConnectionHandle handle = _engine.Listen(listener.LocalEndpoint);
            if (!handle.IsValid)
            {
                done.TrySetException(new TcpConnectionException($"Cannot listen on {listener.LocalEndpoint.Address}:{listener.LocalEndpoint.Port}: the port is in use or the address is not ours."));
                return;
            }

            listener.Handle = handle;
            _listeners[handle] = listener;
            done.TrySetResult(listener);
        }

        private void StopListening(ConnectionListener listener)
        {
            if (listener.Stopped)
            {
                return;
            }

            listener.Stopped = true;
            if (listener.Handle.IsValid)
            {
                _listeners.Remove(listener.Handle);
                _engine.Release(listener.Handle);
            }

            while (listener.Waiters.TryDequeue(out TaskCompletionSource<TcpConnection>? waiter))
            {
                waiter.TrySetException(new ObjectDisposedException(nameof(ConnectionListener), "The listener was closed."));
            }
        }

        /// <summary>Hands established connections to waiting accepters, oldest waiter first, while both exist.</summary>
        private void ServeAccepts(ConnectionListener listener, Instant now)
        {
            if (listener.Stopped)
            {
                StopListening(listener);
                return;
            }

            while (listener.Waiters.TryPeek(out TaskCompletionSource<TcpConnection>? waiter))
            {
                if (waiter.Task.IsCompleted)
                {
                    // Cancelled while queued.
                    listener.Waiters.Dequeue();
                    continue;
                }

                if (!_engine.TryAccept(listener.Handle, out ConnectionHandle handle))
                {
                    return;
                }

                var connection = new TcpConnection(this, _options);
                connection.Attach(handle, _engine.GetStatus(handle));
                _connections[handle] = connection;
                listener.Waiters.Dequeue();
                if (!waiter.TrySetResult(connection))
                {
                    // Cancelled between the check and now: give the connection to the next waiter instead.
                    _connections.Remove(handle);
                    _engine.Release(handle);
                    continue;
                }

                MarkDirty(connection);
            }

            ServeDirty(now);
        }

        private void StartConnecting(TcpConnection connection, Endpoint remote, Instant now)
        {
            ConnectionHandle handle = _engine.Connect(new Endpoint(LocalAddress, 0), remote, now);
            if (!handle.IsValid)
            {
                connection.Fail(EndReason.Refused, new InvalidOperationException($"The engine refused to open a connection to {remote.Address}:{remote.Port}."));
                return;
            }

            connection.Attach(handle, _engine.GetStatus(handle));
            _connections[handle] = connection;
            MarkDirty(connection);
            ServeDirty(now);
        }

        private void ServeSignaled(Instant now)
        {
            while (_signaled.TryDequeue(out TcpConnection? connection))
            {
                Volatile.Write(ref connection.QueuedForLoop, 0);
                if (connection.Handle.IsValid)
                {
                    MarkDirty(connection);
                }
            }

            ServeDirty(now);
        }

        private void DispatchNotifications(Instant now)
        {
            while (_engine.TryDequeueNotification(out ConnectionNotification notification))
            {
                if (notification.Kind == NotificationKind.AcceptReady)
                {
                    if (_listeners.TryGetValue(notification.Connection, out ConnectionListener? listener))
                    {
                        ServeAccepts(listener, now);
                    }

                    continue;
                }

                if (_connections.TryGetValue(notification.Connection, out TcpConnection? connection))
                {
                    connection.Notice(notification.Kind, _engine);
                    MarkDirty(connection);
                }
            }

            ServeDirty(now);
        }

        private void MarkDirty(TcpConnection connection)
        {
            if (_dirtySet.Add(connection))
            {
                _dirty.Add(connection);
            }
        }

        private void ServeDirty(Instant now)
        {
            for (int i = 0; i < _dirty.Count; i++)
            {
                TcpConnection connection = _dirty[i];
                if (connection.Service(_engine, now))
                {
                    _connections.Remove(connection.Handle);
                }
            }

            _dirty.Clear();
            _dirtySet.Clear();
        }

        /// <summary>Some state changes raise no notification (FIN-WAIT-1 to FIN-WAIT-2): look at every connection now and then.</summary>
        private void SweepIfDue(Instant now)
        {
            if (now.Microseconds - _lastSweep < SweepIntervalMicroseconds)
            {
                return;
            }

            _lastSweep = now.Microseconds;
            foreach (TcpConnection connection in _connections.Values)
            {
                if (connection.Service(_engine, now))
                {
                    _forget.Add(connection);
                }
            }

            foreach (TcpConnection connection in _forget)
            {
                _connections.Remove(connection.Handle);
            }

            _forget.Clear();
        }

        private void FlushOutgoing()
        {
            while (_engine.TryDequeueOutgoing(_packet, out int length))
            {
                _link.Send(_packet.AsSpan(0, length));
            }
        }

        private void PublishIfDue(Instant now, bool force)
        {
            if (!force && now.Microseconds - _lastPublish < PublishIntervalMicroseconds)
            {
                return;
            }

            _lastPublish = now.Microseconds;
            _engine.CountStates(_stateScratch);
            for (int i = 0; i < _stateScratch.Length; i++)
            {
                Volatile.Write(ref _publishedStates[i], _stateScratch[i]);
            }
        }

        /// <summary>Resets what is open, tells the peer, fails everything pending, and releases resources.</summary>
        private void Shutdown()
        {
            Exception? fault = Volatile.Read(ref _loopFault);
            try
            {
                Instant now = Now();
                foreach (TcpConnection connection in _connections.Values)
                {
                    if (fault is null)
                    {
                        _engine.Abort(connection.Handle, now);
                    }

                    connection.Fail(EndReason.Aborted, fault ?? new ObjectDisposedException(nameof(TcpStack), "The stack was disposed."));
                }

                _connections.Clear();
                foreach (ConnectionListener listener in _listeners.Values)
                {
                    listener.Stopped = true;
                    while (listener.Waiters.TryDequeue(out TaskCompletionSource<TcpConnection>? waiter))
                    {
                        waiter.TrySetException(new ObjectDisposedException(nameof(TcpStack), "The stack was disposed."));
                    }
                }

                _listeners.Clear();
                if (fault is null)
                {
                    FlushOutgoing();
                }
            }
            catch (Exception ex) when (fault is null)
            {
                Volatile.Write(ref _loopFault, ex);
            }
            finally
            {
                Volatile.Write(ref _closedForCommands, 1);
                FailQueuedCommands();
                _metrics.Dispose();
                _engine.Dispose();
                if (_options.OwnsLink)
                {
                    _link.Dispose();
                }

                _stopped.TrySetResult();
            }
        }

        /// <summary>Fails every queued user call: the loop will never run it.</summary>
        private void FailQueuedCommands()
        {
            while (_commands.TryDequeue(out StackCommand command))
            {
                var disposed = new ObjectDisposedException(nameof(TcpStack), "The stack was disposed.");
                switch (command.Completion)
                {
                    case TaskCompletionSource<ConnectionListener> listen:
                        listen.TrySetException(disposed);
                        break;
                    case TaskCompletionSource<TcpConnection> accept:
                        accept.TrySetException(disposed);
                        break;
                    case TaskCompletionSource<TcpStackSnapshot> snapshot:
                        snapshot.TrySetException(disposed);
                        break;
                    case TaskCompletionSource urgent:
                        urgent.TrySetException(disposed);
                        break;
                }

                command.Connection?.Fail(EndReason.Aborted, disposed);
            }
        }
    }
}
