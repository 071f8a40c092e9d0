using System;
using System.Threading.Tasks;
using TcpGen.Cli.Apps;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Hosting;
using TcpGen.Runtime.Links;

namespace TcpGen.Integration.Tests.Infrastructure
{
    /// <summary>
    /// Two TcpGen stacks joined by an in-memory link (no kernel, no privileges): a server at 198.18.0.1 running one
    /// <see cref="IServerApp"/> per accepted connection on port 80, and a client at 198.18.0.2.
    /// </summary>
    internal sealed class InMemoryPair : IAsyncDisposable
    {
        /// <summary>The server's address.</summary>
        public static readonly IpAddress ServerAddress = IpAddress.Parse("198.18.0.1");

        /// <summary>The serving stack.</summary>
        private readonly TcpStack _server;

        /// <summary>The accept loop.</summary>
        private readonly Task _serving;

        /// <summary>The server's listener.</summary>
        private readonly ConnectionListener _listener;

        private InMemoryPair(TcpStack server, TcpStack client, ConnectionListener listener, Func<IServerApp> app)
        {
            _server = server;
            Client = client;
            _listener = listener;
            _serving = ServeAsync(app);
        }

        /// <summary>The client stack.</summary>
        public TcpStack Client { get; }

        /// <summary>Starts both stacks and the server's accept loop.</summary>
        public static async Task<InMemoryPair> StartAsync(Func<IServerApp> app)
        {
            (InMemoryLink serverLink, InMemoryLink clientLink) = InMemoryLink.CreatePair();
            var server = new TcpStack(serverLink, new TcpStackOptions { LocalAddress = ServerAddress, Name = "app-server" });
            var client = new TcpStack(clientLink, new TcpStackOptions { LocalAddress = IpAddress.Parse("198.18.0.2"), Name = "app-client" });
            ConnectionListener listener = await server.ListenAsync(80);
            return new InMemoryPair(server, client, listener, app);
        }

        /// <summary>A new client connection to the app.</summary>
        public ValueTask<TcpConnection> ConnectAsync() => Client.ConnectAsync(ServerAddress, 80);

        /// <inheritdoc />
        public async ValueTask DisposeAsync()
        {
            _listener.Dispose();
            await Client.DisposeAsync();
            await _server.DisposeAsync();
            await _serving;
        }

        private async Task ServeAsync(Func<IServerApp> app)
        {
            while (true)
            {
                TcpConnection connection;
                try
                {
                    connection = await _listener.AcceptAsync();
                }
                catch (ObjectDisposedException)
                {
                    return;
                }

                _ = Task.Run(async () =>
                {
                    using (connection)
                    {
                        try
                        {
                            await app().RunAsync(connection, default);
                            await connection.CloseAsync();
                        }
                        catch (TcpConnectionException)
                        {
                        }
                        catch (InvalidOperationException)
                        {
                        }
                    }
                });
            }
        }
    }
}
