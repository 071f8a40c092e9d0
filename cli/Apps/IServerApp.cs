using System.Threading;
using System.Threading.Tasks;
using TcpGen.Runtime.Hosting;

namespace TcpGen.Cli.Apps
{
    /// <summary>What `tcpgen serve --app NAME` runs on each accepted connection.</summary>
    public interface IServerApp
    {
        /// <summary>The --app name.</summary>
        string Name { get; }

        /// <summary>
        /// Serves one connection until the conversation is over, then half-closes (completes Output). Returns when
        /// done; <paramref name="stopping"/> fires when the server shuts down, and the app should then stop promptly.
        /// Connection failures surface as <see cref="TcpConnectionException"/>.
        /// </summary>
        Task RunAsync(TcpConnection connection, CancellationToken stopping);
    }
}
