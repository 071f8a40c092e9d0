using System;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using TcpGen.Runtime.Timers;

namespace TcpGen.Runtime.Simulation
{
    /// <summary>
    /// One <see cref="TcpEngine"/> plugged into one side of a <see cref="SimulatedNetwork"/>: it feeds the engine the
    /// packets that have arrived and puts the engine's outgoing packets on the wire, always at the virtual clock's
    /// current instant. Its buffers are allocated once.
    /// </summary>
    public sealed class SimulatedHost : IDisposable
    {
        /// <summary>The wire this host is attached to.</summary>
        private readonly SimulatedNetwork _network;

        /// <summary>Receives arriving packets and stages outgoing ones.</summary>
        private readonly byte[] _packet;

        public SimulatedHost(NetworkSide side, IpAddress address, TcpEngine engine, SimulatedNetwork network)
        {
            ArgumentNullException.ThrowIfNull(engine);
            ArgumentNullException.ThrowIfNull(network);
            Side = side;
            Address = address;
            Engine = engine;
            _network = network;
            _packet = new byte[Math.Max(engine.MaxPacketSize, network.MaxPacketSize)];
        }

        /// <summary>Which end of the wire this host is.</summary>
        public NetworkSide Side { get; }

        /// <summary>The host's IP address.</summary>
        public IpAddress Address { get; }

        /// <summary>The engine under test.</summary>
        public TcpEngine Engine { get; }

        /// <summary>When the engine next needs to be polled, or null.</summary>
        public Instant? NextDeadline => Engine.NextDeadline;

        /// <summary>Hands the engine every packet that has arrived by <paramref name="now"/>; returns how many.</summary>
        public int DeliverArrivals(Instant now)
        {
            int delivered = 0;
            while (_network.TryReceive(Side, now, _packet, out int length))
            {
                Engine.Receive(_packet.AsSpan(0, length), now);
                delivered++;
            }

            return delivered;
        }

        /// <summary>Puts every packet the engine wants to send on the wire; returns how many.</summary>
        public int FlushOutgoing(Instant now)
        {
            int sent = 0;
            while (Engine.TryDequeueOutgoing(_packet, out int length))
            {
                _network.Send(Side, _packet.AsSpan(0, length), now);
                sent++;
            }

            return sent;
        }

        public void Dispose() => Engine.Dispose();
    }
}
