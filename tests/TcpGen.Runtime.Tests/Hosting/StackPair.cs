using System;
using System.Threading;
using System.Threading.Tasks;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using TcpGen.Runtime.Hosting;
using TcpGen.Runtime.Links;
using TcpConnection = TcpGen.Runtime.Hosting.TcpConnection;

namespace TcpGen.Runtime.Tests.Hosting
{
    /// <summary>
    /// Two <see cref="TcpStack"/>s joined by <see cref="InMemoryLink.CreatePair"/>: a server at 198.18.0.1 and a client
    /// at 198.18.0.2 (198.18.0.0/15 only, per the network rule), each on its own loop thread with the wall clock.
    /// </summary>
    public sealed class StackPair : IAsyncDisposable
    {
        /// <summary>The server's address.</summary>
        public static readonly IpAddress ServerAddress = IpAddress.Parse("198.18.0.1");

        /// <summary>The client's address.</summary>
        public static readonly IpAddress ClientAddress = IpAddress.Parse("198.18.0.2");

        /// <summary>The port tests listen on.</summary>
        public const ushort Port = 8080;

        private static int _instances;

        /// <param name="configure">Adjusts both stacks' options (engine tunables, thresholds) before they start.</param>
        public StackPair(Action<TcpStackOptions>? configure = null)
        {
            int id = Interlocked.Increment(ref _instances);
            (InMemoryLink serverLink, InMemoryLink clientLink) = InMemoryLink.CreatePair();
            ServerLink = serverLink;
            ClientLink = clientLink;
            Server = new TcpStack(serverLink, Options(ServerAddress, "server-" + id, 1, configure));
            Client = new TcpStack(clientLink, Options(ClientAddress, "client-" + id, 2, configure));
        }

        /// <summary>The listening side.</summary>
        public TcpStack Server { get; }

        /// <summary>The connecting side.</summary>
        public TcpStack Client { get; }

        /// <summary>The server's end of the wire.</summary>
        public InMemoryLink ServerLink { get; }

        /// <summary>The client's end of the wire.</summary>
        public InMemoryLink ClientLink { get; }

        /// <summary>The server's endpoint for <see cref="Port"/>.</summary>
        public static Endpoint ServerEndpoint => new(ServerAddress, Port);

        /// <summary>Options for one stack with a fixed ISN secret, so runs differ only by timing.</summary>
        public static TcpStackOptions Options(IpAddress address, string name, byte secretSeed, Action<TcpStackOptions>? configure)
        {
            byte[] secret = new byte[32];
            secret[0] = secretSeed;
            var options = new TcpStackOptions { LocalAddress = address, Name = name, IsnSecret = secret };
            configure?.Invoke(options);
            return options;
        }

        /// <summary>Listens on <see cref="Port"/>, connects once and accepts: (client side, server side, listener).</summary>
        public async Task<(TcpConnection Client, TcpConnection Server, ConnectionListener Listener)> OpenAsync()
        {
            ConnectionListener listener = await Server.ListenAsync(Port).WithTimeout();
            (TcpConnection client, TcpConnection server) = await ConnectAsync(listener);
            return (client, server, listener);
        }

        /// <summary>Connects once to <paramref name="listener"/> and accepts the connection.</summary>
        public async Task<(TcpConnection Client, TcpConnection Server)> ConnectAsync(ConnectionListener listener)
        {
            ValueTask<TcpConnection> accept = listener.AcceptAsync();
            TcpConnection client = await Client.ConnectAsync(ServerEndpoint).WithTimeout();
            TcpConnection server = await accept.WithTimeout();
            return (client, server);
        }

        public async ValueTask DisposeAsync()
        {
            await Client.DisposeAsync();
            await Server.DisposeAsync();
        }
    }
}
