using System;
using System.Collections.Generic;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using TcpGen.Runtime.Timers;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>
    /// Two engines joined by an in-memory shuttle with virtual time: packets from one are handed to the other,
    /// optionally through a filter that can drop or inspect them. Used for end-to-end transfers.
    /// </summary>
    public sealed class EnginePair : IDisposable
    {
        /// <summary>Client address.</summary>
        public static readonly IpAddress ClientAddress = IpAddress.Parse("198.18.1.1");

        /// <summary>Server address.</summary>
        public static readonly IpAddress ServerAddress = IpAddress.Parse("198.18.1.2");

        /// <summary>Scratch packet buffer.</summary>
        private readonly byte[] _packet;

        /// <summary>Builds two engines with the same options.</summary>
        public EnginePair(TcpEngineOptions clientOptions, TcpEngineOptions serverOptions)
        {
            Now = Instant.FromMilliseconds(1_000);
            Client = new TcpEngine(clientOptions, Secret(1), Now);
            Server = new TcpEngine(serverOptions, Secret(2), Now);
            _packet = new byte[Math.Max(Client.MaxPacketSize, Server.MaxPacketSize)];
        }

        /// <summary>The connecting side.</summary>
        public TcpEngine Client { get; }

        /// <summary>The listening side.</summary>
        public TcpEngine Server { get; }

        /// <summary>Virtual now.</summary>
        public Instant Now { get; set; }

        /// <summary>Decides per packet whether it is delivered (true) or lost; null delivers everything.</summary>
        public Func<bool, byte[], bool>? Filter { get; set; }

        /// <summary>When above zero, every Nth packet from the client is lost: a loss pattern that allocates nothing (allocation tests).</summary>
        public int DropEveryNthFromClient { get; set; }

        /// <summary>Packets from the client so far, for <see cref="DropEveryNthFromClient"/>.</summary>
        private long _fromClient;

        /// <summary>Packets moved so far.</summary>
        public long PacketsMoved { get; private set; }

        /// <summary>Client endpoint (port picked by the client).</summary>
        public static Endpoint ClientEndpoint => new(ClientAddress, 0);

        /// <summary>Server endpoint.</summary>
        public static Endpoint ServerEndpoint => new(ServerAddress, 80);

        /// <summary>Moves packets both ways until neither engine has anything to send; returns how many moved.</summary>
        public int Shuttle()
        {
            int moved = 0;
            bool any = true;
            while (any)
            {
                any = false;
                while (Client.TryDequeueOutgoing(_packet, out int length))
                {
                    any = true;
                    moved++;
                    Deliver(fromClient: true, _packet.AsSpan(0, length));
                }

                while (Server.TryDequeueOutgoing(_packet, out int length))
                {
                    any = true;
                    moved++;
                    Deliver(fromClient: false, _packet.AsSpan(0, length));
                }
            }

            PacketsMoved += moved;
            return moved;
        }

        /// <summary>Advances time to the earlier deadline of the two engines (or by <paramref name="maximum"/>) and polls both.</summary>
        public void AdvanceToNextDeadline(TimeSpan maximum)
        {
            Instant limit = Now.AddMicroseconds(maximum.Ticks / TimeSpan.TicksPerMicrosecond);
            Instant next = limit;
            if (Client.NextDeadline is { } a && a < next)
            {
                next = a;
            }

            if (Server.NextDeadline is { } b && b < next)
            {
                next = b;
            }

            Now = Instant.Max(Now, next);
            Client.Poll(Now);
            Server.Poll(Now);
        }

        /// <summary>Advances time by <paramref name="by"/> and polls both.</summary>
        public void Advance(TimeSpan by)
        {
            Now = Now.AddMicroseconds(by.Ticks / TimeSpan.TicksPerMicrosecond);
            Client.Poll(Now);
            Server.Poll(Now);
        }

        /// <summary>Client connects, server accepts; returns both handles.</summary>
        public (ConnectionHandle Client, ConnectionHandle Server) Open()
        {
            ConnectionHandle listener = Server.Listen(ServerEndpoint);
            ConnectionHandle client = Client.Connect(ClientEndpoint, ServerEndpoint, Now);
            Shuttle();
            if (!Server.TryAccept(listener, out ConnectionHandle server))
            {
                throw new InvalidOperationException("handshake did not complete");
            }

            return (client, server);
        }

        /// <inheritdoc />
        public void Dispose()
        {
            Client.Dispose();
            Server.Dispose();
        }

        /// <summary>Hands one packet to the other engine unless the filter drops it.</summary>
        private void Deliver(bool fromClient, ReadOnlySpan<byte> packet)
        {
            if (fromClient && DropEveryNthFromClient > 0 && ++_fromClient % DropEveryNthFromClient == 0)
            {
                return;
            }

            if (Filter is { } filter && !filter(fromClient, packet.ToArray()))
            {
                return;
            }

            (fromClient ? Server : Client).Receive(packet, Now);
        }

        /// <summary>A fixed ISN secret per engine.</summary>
        private static byte[] Secret(byte seed)
        {
            byte[] secret = new byte[32];
            for (int i = 0; i < secret.Length; i++)
            {
                secret[i] = (byte)(seed * 31 + i);
            }

            return secret;
        }
    }
}
