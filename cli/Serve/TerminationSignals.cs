using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace TcpGen.Cli.Serve
{
    /// <summary>
    /// Turns Ctrl-C (SIGINT) and SIGTERM into a cancellation, so serve and connect can close their connections
    /// gracefully instead of the runtime ending the process at once. Dispose restores the default handling.
    /// </summary>
    internal sealed class TerminationSignals : IDisposable
    {
        /// <summary>Cancelled by the first signal (or by the caller's token).</summary>
        private readonly CancellationTokenSource _cancellation;

        /// <summary>The SIGINT handler.</summary>
        private readonly PosixSignalRegistration _interrupt;

        /// <summary>The SIGTERM handler.</summary>
        private readonly PosixSignalRegistration _terminate;

        /// <summary>Starts handling the signals; <paramref name="outer"/> cancels as well.</summary>
        public TerminationSignals(CancellationToken outer)
        {
            _cancellation = CancellationTokenSource.CreateLinkedTokenSource(outer);
            _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
            _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        }

        /// <summary>Fires on the first signal.</summary>
        public CancellationToken Token => _cancellation.Token;

        /// <inheritdoc />
        public void Dispose()
        {
            _interrupt.Dispose();
            _terminate.Dispose();
            _cancellation.Dispose();
        }

        private void OnSignal(PosixSignalContext context)
        {
            // Keep the process alive: the command winds down and returns its own exit code.
            context.Cancel = true;
            _cancellation.Cancel();
        }
    }
}
