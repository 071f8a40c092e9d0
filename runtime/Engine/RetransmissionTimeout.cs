using System;

namespace TcpGen.Runtime.Engine
{
    /// <summary>
    /// The retransmission timeout of RFC 6298: SRTT and RTTVAR from RTT samples (taken per Karn's algorithm by the
    /// caller, MUST-18), RTO = SRTT + max(G, 4 RTTVAR) bounded below and above, doubled on each expiry (5.5).
    /// All times are microseconds.
    /// </summary>
    internal struct RetransmissionTimeout
    {
        /// <summary>Clock granularity G of RFC 6298 2: the timing wheel's 1 ms tick.</summary>
        public const long GranularityMicroseconds = 1000;

        /// <summary>Largest backoff shift; 2^16 times any RTO exceeds every sane maximum.</summary>
        private const int MaximumBackoff = 16;

        /// <summary>Smoothed round-trip time; valid once <see cref="_hasSample"/>.</summary>
        private long _smoothed;

        /// <summary>Round-trip time variation.</summary>
        private long _variation;

        /// <summary>False until the first RTT measurement (RFC 6298 2.1 uses the initial RTO until then).</summary>
        private bool _hasSample;

        /// <summary>The RTO before backoff.</summary>
        private long _baseRto;

        /// <summary>Expiries since the last measurement: the RTO is doubled this many times (RFC 6298 5.5).</summary>
        private int _backoff;

        /// <summary>Lower bound of the RTO (RFC 6298 2.4).</summary>
        private long _minimum;

        /// <summary>Upper bound of the RTO (RFC 6298 2.5).</summary>
        private long _maximum;

        /// <summary>Starts with the initial RTO of RFC 6298 2.1.</summary>
        public RetransmissionTimeout(long initial, long minimum, long maximum)
        {
            _minimum = minimum;
            _maximum = Math.Max(minimum, maximum);
            _baseRto = Math.Clamp(initial, _minimum, _maximum);
        }

        /// <summary>The current timeout with backoff applied.</summary>
        public readonly long Current => Math.Min(_maximum, _baseRto << _backoff);

        /// <summary>Expiries since the last good measurement.</summary>
        public readonly int Backoff => _backoff;

        /// <summary>SRTT, or 0 before any measurement.</summary>
        public readonly long SmoothedRoundTrip => _hasSample ? _smoothed : 0;

        /// <summary>True once a measurement was taken.</summary>
        public readonly bool HasSample => _hasSample;

        /// <summary>Takes one RTT measurement R (RFC 6298 2.2, 2.3) and clears the backoff.</summary>
        public void AddSample(long roundTrip)
        {
            long r = Math.Max(roundTrip, 1);
            if (!_hasSample)
            {
                _smoothed = r;
                _variation = r / 2;
                _hasSample = true;
            }
            else
            {
                _variation = (3 * _variation + Math.Abs(_smoothed - r)) / 4;
                _smoothed = (7 * _smoothed + r) / 8;
            }

            _baseRto = Math.Clamp(_smoothed + Math.Max(GranularityMicroseconds, 4 * _variation), _minimum, _maximum);
            _backoff = 0;
        }

        /// <summary>The timer expired: back off (RFC 6298 5.5, MUST-19 exponential backoff).</summary>
        public void BackOff()
        {
            if (_backoff < MaximumBackoff)
            {
                _backoff++;
            }
        }

        /// <summary>Forward progress: later timers start from the unbacked RTO again.</summary>
        public void ClearBackoff() => _backoff = 0;
    }
}
