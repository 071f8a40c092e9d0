using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using TcpGen.Runtime.Engine;

namespace TcpGen.Runtime.Hosting
{
    /// <summary>
    /// A passive OPEN on a <see cref="TcpStack"/>: <see cref="AcceptAsync"/> hands out established connections in
    /// arrival order. Connections stay in the engine's accept queue (bounded by its backlog, beyond which SYNs are
    /// dropped) until someone accepts them. Thread-safe.
    /// </summary>
    public sealed class ConnectionListener : IAsyncDisposable, IDisposable
    {
        /// <summary>The stack whose loop owns the listener.</summary>
        private readonly TcpStack _stack;

        /// <summary>1 once disposed.</summary>
        private int _disposed;

        internal ConnectionListener(TcpStack stack, Endpoint local)
        {
            _stack = stack;
            LocalEndpoint = local;
        }

        /// <summary>The address and port listened on.</summary>
        public Endpoint LocalEndpoint { get; }

        /// <summary>The engine's handle (loop thread only).</summary>
        internal ConnectionHandle Handle { get; set; } = ConnectionHandle.None;

        /// <summary>Callers waiting for a connection, oldest first (loop thread only).</summary>
        internal Queue<TaskCompletionSource<TcpConnection>> Waiters { get; } = new();

        /// <summary>True once the loop closed the listener (loop thread only).</summary>
        internal bool Stopped { get; set; }

        /// <summary>Waits for the next established connection.</summary>
        public async ValueTask<TcpConnection> AcceptAsync(CancellationToken cancellationToken = default)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            cancellationToken.ThrowIfCancellationRequested();
            var waiter = new TaskCompletionSource<TcpConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
            using CancellationTokenRegistration registration = cancellationToken.Register(
                static state => ((TaskCompletionSource<TcpConnection>)state!).TrySetCanceled(), waiter);
            _stack.Post(new StackCommand(StackCommandKind.Accept, listener: this, completion: waiter));
            return await waiter.Task.ConfigureAwait(false);
        }

        /// <summary>Stops listening; pending accepts fail with <see cref="ObjectDisposedException"/>. Accepted connections are unaffected.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _stack.Post(new StackCommand(StackCommandKind.StopListening, listener: this));
            }
        }

        /// <inheritdoc cref="Dispose"/>
        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        /// <inheritdoc />
        public override string ToString() => $"listening on {LocalEndpoint.Address}:{LocalEndpoint.Port}";
    }
}
