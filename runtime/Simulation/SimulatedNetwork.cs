using System;
using TcpGen.Runtime.Links;
using TcpGen.Runtime.Timers;

namespace TcpGen.Runtime.Simulation
{
    /// <summary>
    /// A wire between two hosts in virtual time: each direction is a <see cref="FaultyPath"/> with its own profile and
    /// its own random stream derived from one seed, so loss, reordering, duplication, corruption, delay, jitter and
    /// the bandwidth limit are all reproducible from that seed. The driver asks <see cref="NextArrival"/> to know
    /// how far it may jump the clock.
    /// </summary>
    public sealed class SimulatedNetwork
    {
        /// <summary>Packets from A to B.</summary>
        private readonly FaultyPath _aToB;

        /// <summary>Packets from B to A.</summary>
        private readonly FaultyPath _bToA;

        /// <summary>Header statistics of what A sent.</summary>
        private readonly WireStatistics _fromA = new();

        /// <summary>Header statistics of what B sent.</summary>
        private readonly WireStatistics _fromB = new();

        /// <summary>FNV-1a offset basis: the digest of an empty trace.</summary>
        private const ulong DigestSeed = 14695981039346656037UL;

        /// <summary>FNV-1a prime.</summary>
        private const ulong DigestPrime = 1099511628211UL;

        /// <summary>Bytes of each packet folded into the digest: the IP and TCP headers with their options.</summary>
        private const int DigestedPrefix = 80;

        /// <param name="aToB">Faults on packets A sends.</param>
        /// <param name="bToA">Faults on packets B sends.</param>
        /// <param name="seed">Master seed; each direction draws from its own stream derived from it.</param>
        /// <param name="maxPacketSize">The largest packet the wire carries.</param>
        public SimulatedNetwork(FaultProfile aToB, FaultProfile bToA, ulong seed, int maxPacketSize)
        {
            _aToB = new FaultyPath(aToB, FaultRandom.DeriveSeed(seed, 1), maxPacketSize);
            _bToA = new FaultyPath(bToA, FaultRandom.DeriveSeed(seed, 2), maxPacketSize);
            MaxPacketSize = maxPacketSize;
        }

        /// <summary>The largest packet carried.</summary>
        public int MaxPacketSize { get; }

        /// <summary>Packets the hosts put on the wire (before any fault).</summary>
        public long PacketsSent { get; private set; }

        /// <summary>
        /// A fingerprint of the run's trace: every packet sent, with its side, instant, length and headers, folded in
        /// order (FNV-1a). Two runs with the same inputs and seed must end with the same digest.
        /// </summary>
        public ulong TraceDigest { get; private set; } = DigestSeed;

        /// <summary>What happened to packets A sent.</summary>
        public FaultCounters AToBCounters => _aToB.Counters;

        /// <summary>What happened to packets B sent.</summary>
        public FaultCounters BToACounters => _bToA.Counters;

        /// <summary>When the next packet arrives at either host, or null when the wire is empty.</summary>
        public Instant? NextArrival
        {
            get
            {
                long next = Math.Min(_aToB.NextDue, _bToA.NextDue);
                return next == long.MaxValue ? null : new Instant(next);
            }
        }

        /// <summary>Puts a packet sent by <paramref name="from"/> on the wire at <paramref name="now"/>.</summary>
        public void Send(NetworkSide from, ReadOnlySpan<byte> packet, Instant now)
        {
            PacketsSent++;
            ulong digest = Fold(TraceDigest, (ulong)from);
            digest = Fold(digest, (ulong)now.Microseconds);
            digest = Fold(digest, (ulong)packet.Length);
            foreach (byte b in packet.Slice(0, Math.Min(packet.Length, DigestedPrefix)))
            {
                digest = (digest ^ b) * DigestPrime;
            }

            TraceDigest = digest;
            (from == NetworkSide.A ? _fromA : _fromB).Observe(packet);
            PathFrom(from).Offer(packet, now.Microseconds);
        }

        /// <summary>Takes the next packet that has arrived at <paramref name="to"/> by <paramref name="now"/>; false when none.</summary>
        public bool TryReceive(NetworkSide to, Instant now, Span<byte> destination, out int length) =>
            PathFrom(to == NetworkSide.A ? NetworkSide.B : NetworkSide.A).TryTakeDue(now.Microseconds, destination, out length);

        /// <summary>What <paramref name="from"/> put on the wire, by kind of segment.</summary>
        public WireStatistics SentBy(NetworkSide from) => from == NetworkSide.A ? _fromA : _fromB;

        /// <summary>What happened to packets sent by <paramref name="from"/>.</summary>
        public FaultCounters CountersFrom(NetworkSide from) => PathFrom(from).Counters;

        private static ulong Fold(ulong digest, ulong value)
        {
            for (int shift = 0; shift < 64; shift += 8)
            {
                digest = (digest ^ ((value >> shift) & 0xFF)) * DigestPrime;
            }

            return digest;
        }

        private FaultyPath PathFrom(NetworkSide from) => from == NetworkSide.A ? _aToB : _bToA;
    }
}
