using System;
using System.Threading;

namespace TcpGen.Runtime.Links
{
    /// <summary>
    /// One direction of an impaired network: applies a <see cref="FaultProfile"/> to each packet offered, drawing every
    /// decision from its own seeded <see cref="FaultRandom"/>, and holds the survivors in a <see cref="DelayLine"/>
    /// until they are due. Time is passed in by the caller (wall clock for <see cref="FaultInjectingLink"/>, virtual
    /// time for the simulation), so the same seed and the same offers at the same times give the same result.
    /// Thread-safe; allocates nothing per packet once the delay line has grown to its working depth.
    /// </summary>
    public sealed class FaultyPath
    {
        /// <summary>The faults this direction applies.</summary>
        private readonly FaultProfile _profile;

        /// <summary>Every fault decision comes from here, in a fixed order per packet, for reproducibility.</summary>
        private readonly FaultRandom _random;

        /// <summary>Packets that survived, waiting for their delivery time.</summary>
        private readonly DelayLine _line;

        /// <summary>Serialises offers and takes from different threads.</summary>
        private readonly Lock _gate = new();

        /// <summary>Jitter range in microseconds (0 = none), cached from the profile.</summary>
        private readonly long _jitterMicroseconds;

        /// <summary>Fixed delay in microseconds, cached from the profile.</summary>
        private readonly long _delayMicroseconds;

        /// <summary>Extra hold for a reordered packet in microseconds, cached from the profile.</summary>
        private readonly long _reorderMicroseconds;

        /// <summary>When the bandwidth-limited sender finishes serialising the packets already accepted (microseconds).</summary>
        private long _busyUntil = long.MinValue;

        /// <param name="profile">The faults to apply (validated here).</param>
        /// <param name="seed">Seed of the fault decisions.</param>
        /// <param name="maxPacketSize">The largest packet carried; larger ones are dropped and counted as overflow.</param>
        public FaultyPath(FaultProfile profile, ulong seed, int maxPacketSize)
        {
            ArgumentNullException.ThrowIfNull(profile);
            profile.Validate();
            _profile = profile;
            _random = new FaultRandom(seed);
            _line = new DelayLine(profile.QueueLimit, maxPacketSize);
            _delayMicroseconds = profile.Delay.Ticks / TimeSpan.TicksPerMicrosecond;
            _jitterMicroseconds = profile.Jitter.Ticks / TimeSpan.TicksPerMicrosecond;
            _reorderMicroseconds = profile.ReorderDelay.Ticks / TimeSpan.TicksPerMicrosecond;
        }

        /// <summary>The profile applied.</summary>
        public FaultProfile Profile => _profile;

        /// <summary>What this direction did.</summary>
        public FaultCounters Counters { get; } = new();

        /// <summary>Packets in flight.</summary>
        public int InFlight
        {
            get
            {
                lock (_gate)
                {
                    return _line.Count;
                }
            }
        }

        /// <summary>When the next packet is due, in microseconds, or <see cref="long.MaxValue"/> when none is in flight.</summary>
        public long NextDue
        {
            get
            {
                lock (_gate)
                {
                    return _line.NextDue;
                }
            }
        }

        /// <summary>Offers one packet at time <paramref name="nowMicroseconds"/>: it is dropped, or scheduled (maybe altered, maybe twice).</summary>
        public void Offer(ReadOnlySpan<byte> packet, long nowMicroseconds)
        {
            lock (_gate)
            {
                Counters.CountOffered();

                // The draws happen in the same order for every packet, so one seed gives one fault pattern.
                if (_random.Chance(_profile.Loss))
                {
                    Counters.CountLost();
                    return;
                }

                long due = nowMicroseconds;
                if (_profile.BandwidthBitsPerSecond > 0)
                {
                    long start = Math.Max(nowMicroseconds, _busyUntil);
                    long serialisation = (packet.Length * 8L * 1_000_000L + _profile.BandwidthBitsPerSecond - 1) / _profile.BandwidthBitsPerSecond;
                    _busyUntil = start + serialisation;
                    due = _busyUntil;
                }

                due += _delayMicroseconds;
                if (_jitterMicroseconds > 0)
                {
                    due += _random.NextInt64(_jitterMicroseconds + 1);
                }

                if (_random.Chance(_profile.Reorder))
                {
                    Counters.CountReordered();
                    due += _reorderMicroseconds;
                }

                long flipBit = -1;
                if (_random.Chance(_profile.Corrupt) && packet.Length > 0)
                {
                    flipBit = _random.NextInt64(packet.Length * 8L);
                }

                bool duplicate = _random.Chance(_profile.Duplicate);
                if (!_line.TryAdd(packet, due, flipBit))
                {
                    Counters.CountOverflowed();
                    return;
                }

                if (flipBit >= 0)
                {
                    Counters.CountCorrupted();
                }

                if (duplicate)
                {
                    if (_line.TryAdd(packet, due))
                    {
                        Counters.CountDuplicated();
                    }
                    else
                    {
                        Counters.CountOverflowed();
                    }
                }
            }
        }

        /// <summary>Copies out the next packet due at <paramref name="nowMicroseconds"/>; false when none is due yet.</summary>
        public bool TryTakeDue(long nowMicroseconds, Span<byte> destination, out int length)
        {
            lock (_gate)
            {
                if (!_line.TryTakeDue(nowMicroseconds, destination, out length, out bool corrupted))
                {
                    return false;
                }

                Counters.CountDelivered();
                if (corrupted)
                {
                    Counters.CountCorruptedDelivered();
                }
                return true;
            }
        }

        /// <summary>Drops every packet in flight.</summary>
        public void Clear()
        {
            lock (_gate)
            {
                _line.Clear();
            }
        }
    }
}
