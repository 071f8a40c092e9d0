using System;
using System.Globalization;

namespace TcpGen.Runtime.Links
{
    /// <summary>
    /// The faults applied to one direction of a link: each packet is lost, corrupted, duplicated or held back
    /// (reordered) with the given probabilities, and delayed by a fixed delay plus uniform jitter, after waiting
    /// its turn behind a bandwidth limit. <see cref="None"/> passes packets through unchanged.
    /// </summary>
    public sealed record FaultProfile
    {
        /// <summary>No faults, no delay, no bandwidth limit.</summary>
        public static FaultProfile None { get; } = new();

        /// <summary>Probability in [0, 1] that a packet is dropped.</summary>
        public double Loss { get; init; }

        /// <summary>Probability in [0, 1] that a packet is held back by <see cref="ReorderDelay"/> so later packets overtake it.</summary>
        public double Reorder { get; init; }

        /// <summary>Probability in [0, 1] that a packet is delivered twice.</summary>
        public double Duplicate { get; init; }

        /// <summary>Probability in [0, 1] that one random bit of a packet is flipped (the checksums must catch it).</summary>
        public double Corrupt { get; init; }

        /// <summary>One-way delay added to every packet.</summary>
        public TimeSpan Delay { get; init; }

        /// <summary>Extra delay drawn uniformly from [0, Jitter] per packet; jitter larger than the packet spacing also reorders.</summary>
        public TimeSpan Jitter { get; init; }

        /// <summary>How long a reordered packet is held back beyond its normal delivery time.</summary>
        public TimeSpan ReorderDelay { get; init; } = TimeSpan.FromMilliseconds(5);

        /// <summary>Bits per second the direction carries (packets queue behind each other); 0 means unlimited.</summary>
        public long BandwidthBitsPerSecond { get; init; }

        /// <summary>Packets held in flight at most (delayed or queued behind the bandwidth limit); more are dropped.</summary>
        public int QueueLimit { get; init; } = 4096;

        /// <summary>True when the profile changes nothing about a packet except copying it.</summary>
        public bool IsTransparent => Loss == 0 && Reorder == 0 && Duplicate == 0 && Corrupt == 0 && Delay == TimeSpan.Zero
            && Jitter == TimeSpan.Zero && BandwidthBitsPerSecond == 0;

        /// <summary>Throws <see cref="ArgumentException"/> naming the first value out of range.</summary>
        public void Validate()
        {
            CheckProbability(Loss, nameof(Loss));
            CheckProbability(Reorder, nameof(Reorder));
            CheckProbability(Duplicate, nameof(Duplicate));
            CheckProbability(Corrupt, nameof(Corrupt));
            CheckDuration(Delay, nameof(Delay));
            CheckDuration(Jitter, nameof(Jitter));
            CheckDuration(ReorderDelay, nameof(ReorderDelay));
            if (BandwidthBitsPerSecond < 0)
            {
                throw new ArgumentException($"{nameof(BandwidthBitsPerSecond)} must not be negative, not {BandwidthBitsPerSecond}", nameof(BandwidthBitsPerSecond));
            }

            if (QueueLimit < 1)
            {
                throw new ArgumentException($"{nameof(QueueLimit)} must be at least 1, not {QueueLimit}", nameof(QueueLimit));
            }
        }

        private static void CheckProbability(double value, string name)
        {
            if (!(value >= 0 && value <= 1))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{name} must be a probability between 0 and 1, not {value}"), name);
            }
        }

        private static void CheckDuration(TimeSpan value, string name)
        {
            if (value < TimeSpan.Zero || value > TimeSpan.FromHours(1))
            {
                throw new ArgumentException($"{name} must be between 0 and one hour, not {value}", name);
            }
        }
    }
}
