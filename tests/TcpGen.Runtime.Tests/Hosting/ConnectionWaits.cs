using System;
using System.Threading.Tasks;
using TcpGen.Runtime.Engine;
using TcpGen.Runtime.Hosting;
using TcpConnection = TcpGen.Runtime.Hosting.TcpConnection;

namespace TcpGen.Runtime.Tests.Hosting
{
    /// <summary>Awaiting a connection state through <see cref="TcpConnection.StateChanged"/>, bounded by the test timeout.</summary>
    public static class ConnectionWaits
    {
        /// <summary>Completes when the loop has seen <paramref name="connection"/> in <paramref name="state"/> (now or later).</summary>
        public static async Task WhenState(this TcpConnection connection, TcpState state)
        {
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            EventHandler<ConnectionStateChangedEventArgs> handler = (_, e) =>
            {
                if (e.Current == state)
                {
                    reached.TrySetResult();
                }
            };
            connection.StateChanged += handler;
            try
            {
                if (connection.State == state)
                {
                    return;
                }

                await reached.Task.WaitAsync(TestTimeouts.Default);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"{connection} never reached {TcpTransitions.RfcStateName(state)}");
            }
            finally
            {
                connection.StateChanged -= handler;
            }
        }
    }
}
