using System;
using TcpGen.Runtime.Timers;

namespace TcpGen.Runtime.Simulation
{
    /// <summary>
    /// Runs two simulated hosts and their applications in virtual time. Each step handles everything due at the
    /// current instant (arrivals, timers, user calls, sends) until nothing more happens at that instant, then jumps
    /// the clock to the next event: the next packet arrival or the earlier engine deadline. Nothing depends on the
    /// wall clock, so a run is a pure function of its inputs and seed.
    /// </summary>
    public sealed class SimulationDriver
    {
        /// <summary>The simulated time every host sees.</summary>
        private readonly VirtualClock _clock;

        /// <summary>The wire, asked for its next arrival.</summary>
        private readonly SimulatedNetwork _network;

        /// <summary>The two hosts, A then B.</summary>
        private readonly SimulatedHost[] _hosts;

        /// <summary>The application on each host, same order as <see cref="_hosts"/>.</summary>
        private readonly ISimulatedApplication[] _applications;

        public SimulationDriver(VirtualClock clock, SimulatedNetwork network, SimulatedHost a, ISimulatedApplication applicationA, SimulatedHost b, ISimulatedApplication applicationB)
        {
            ArgumentNullException.ThrowIfNull(clock);
            ArgumentNullException.ThrowIfNull(network);
            _clock = clock;
            _network = network;
            _hosts = new[] { a, b };
            _applications = new[] { applicationA, applicationB };
        }

        /// <summary>Iterations made so far (one per batch of work at one instant).</summary>
        public long Steps { get; private set; }

        /// <summary>Instants the clock jumped to.</summary>
        public long ClockJumps { get; private set; }

        /// <summary>
        /// Runs until every application is finished, nothing is left to happen, <paramref name="timeLimit"/> of
        /// virtual time passes, or <paramref name="maxSteps"/> iterations have run.
        /// </summary>
        public SimulationOutcome Run(TimeSpan timeLimit, long maxSteps = long.MaxValue)
        {
            Instant limit = _clock.Now.AddMicroseconds(timeLimit.Ticks / TimeSpan.TicksPerMicrosecond);
            while (true)
            {
                if (Steps >= maxSteps)
                {
                    return SimulationOutcome.StepLimitReached;
                }

                Steps++;
                Instant now = _clock.Now;
                bool progress = false;
                for (int i = 0; i < _hosts.Length; i++)
                {
                    progress |= _hosts[i].DeliverArrivals(now) > 0;
                }

                for (int i = 0; i < _hosts.Length; i++)
                {
                    _hosts[i].Engine.Poll(now);
                    progress |= _applications[i].Step(now);
                    progress |= _hosts[i].FlushOutgoing(now) > 0;
                }

                if (AllFinished())
                {
                    return SimulationOutcome.Finished;
                }

                if (progress)
                {
                    // More may happen at this same instant (a zero-delay wire delivers at once).
                    continue;
                }

                Instant? next = NextEvent();
                if (next is null)
                {
                    return SimulationOutcome.Stalled;
                }

                // A deadline already due that Poll did not clear must not freeze time: step at least 1 µs.
                Instant target = Instant.Max(next.Value, now.AddMicroseconds(1));
                if (target > limit)
                {
                    return SimulationOutcome.TimeLimitReached;
                }

                _clock.AdvanceTo(target);
                ClockJumps++;
            }
        }

        private bool AllFinished()
        {
            for (int i = 0; i < _applications.Length; i++)
            {
                if (!_applications[i].IsFinished)
                {
                    return false;
                }
            }

            return true;
        }

        private Instant? NextEvent()
        {
            Instant? next = _network.NextArrival;
            for (int i = 0; i < _hosts.Length; i++)
            {
                Instant? deadline = _hosts[i].NextDeadline;
                if (deadline is { } d && (next is null || d < next.Value))
                {
                    next = d;
                }
            }

            return next;
        }
    }
}
