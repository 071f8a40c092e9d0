using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using TcpGen.Runtime.Timers;
using Xunit;

namespace TcpGen.Runtime.Tests.Timers
{
    /// <summary>The hashed timing wheel behind the engine's retransmission, persist, keep-alive and TIME-WAIT timers.</summary>
    public class TimerWheelTest
    {
        [Fact]
        public void TimersShouldFireInDeadlineOrder()
        {
            var wheel = new TimerWheel(Instant.Zero, slotCount: 16, tickMicroseconds: 1000);
            wheel.Schedule(new Instant(5000), 1, 0);
            wheel.Schedule(new Instant(1000), 2, 0);
            wheel.Schedule(new Instant(3000), 3, 0);
            wheel.Schedule(new Instant(1000), 4, 0);

            List<ExpiredTimer> fired = Drain(wheel, new Instant(10_000));

            Assert.Equal(new[] { 2, 4, 3, 1 }, fired.Select(t => t.OwnerId));
        }

        [Fact]
        public void TimersWithinOneTickShouldFireInDeadlineOrder()
        {
            var wheel = new TimerWheel(Instant.Zero, slotCount: 16, tickMicroseconds: 1000);
            wheel.Schedule(new Instant(1900), 1, 7);
            wheel.Schedule(new Instant(1100), 2, 8);
            wheel.Schedule(new Instant(1500), 3, 9);

            List<ExpiredTimer> fired = Drain(wheel, new Instant(2000));

            Assert.Equal(new[] { 2, 3, 1 }, fired.Select(t => t.OwnerId));
            Assert.Equal(new byte[] { 8, 9, 7 }, fired.Select(t => t.Kind));
            Assert.Equal(new[] { 1100L, 1500L, 1900L }, fired.Select(t => t.Deadline.Microseconds));
        }

        [Fact]
        public void TimerShouldNotFireBeforeItsDeadlineNorAFullTickAfter()
        {
            var wheel = new TimerWheel(Instant.Zero, slotCount: 16, tickMicroseconds: 1000);
            wheel.Schedule(new Instant(1500), 1, 0);

            Assert.Equal(0, wheel.Advance(new Instant(1499)));
            Assert.Equal(0, wheel.Advance(new Instant(1999)));
            Assert.Equal(1, wheel.Advance(new Instant(2000)));
        }

        [Fact]
        public void CancelledTimerShouldNeverFire()
        {
            var wheel = new TimerWheel(Instant.Zero, slotCount: 16);
            TimerHandle cancelled = wheel.Schedule(Instant.FromMilliseconds(3), 1, 0);
            wheel.Schedule(Instant.FromMilliseconds(3), 2, 0);

            Assert.True(wheel.Cancel(cancelled));
            Assert.False(wheel.IsPending(cancelled));
            Assert.Equal(new[] { 2 }, Drain(wheel, Instant.FromMilliseconds(10)).Select(t => t.OwnerId));
        }

        [Fact]
        public void CancelOfStaleHandleShouldBeANoOp()
        {
            var wheel = new TimerWheel(Instant.Zero, slotCount: 16, initialCapacity: 1);
            TimerHandle first = wheel.Schedule(Instant.FromMilliseconds(1), 1, 0);
            Assert.True(wheel.Cancel(first));

            // The only node is reused: the old handle must not reach the new timer.
            TimerHandle second = wheel.Schedule(Instant.FromMilliseconds(2), 2, 0);

            Assert.False(wheel.Cancel(first));
            Assert.False(wheel.Cancel(TimerHandle.None));
            Assert.NotEqual(first, second);
            Assert.True(wheel.IsPending(second));
            List<ExpiredTimer> fired = Drain(wheel, Instant.FromMilliseconds(5));
            Assert.Equal(second, Assert.Single(fired).Handle);
            Assert.False(wheel.Cancel(second));
        }

        [Fact]
        public void CancelOfExpiredButUnpoppedTimerShouldRemoveIt()
        {
            var wheel = new TimerWheel(Instant.Zero, slotCount: 16);
            TimerHandle handle = wheel.Schedule(Instant.FromMilliseconds(1), 1, 0);
            Assert.Equal(1, wheel.Advance(Instant.FromMilliseconds(2)));

            Assert.True(wheel.Cancel(handle));
            Assert.False(wheel.TryPopExpired(out _));
        }

        [Fact]
        public void RescheduleShouldMoveTheDeadlineAndKeepTheHandle()
        {
            var wheel = new TimerWheel(Instant.Zero, slotCount: 16);
            TimerHandle handle = wheel.Schedule(Instant.FromMilliseconds(2), 1, 3);

            Assert.True(wheel.Reschedule(handle, Instant.FromMilliseconds(40)));
            Assert.Empty(Drain(wheel, Instant.FromMilliseconds(39)));
            ExpiredTimer fired = Assert.Single(Drain(wheel, Instant.FromMilliseconds(40)));

            Assert.Equal(handle, fired.Handle);
            Assert.Equal(3, fired.Kind);
            Assert.Equal(Instant.FromMilliseconds(40), fired.Deadline);
            Assert.False(wheel.Reschedule(handle, Instant.FromMilliseconds(50)));
        }

        [Fact]
        public void TimerBeyondOneRevolutionShouldFireOnItsTickWhenAdvancedStepByStep()
        {
            var wheel = new TimerWheel(Instant.Zero, slotCount: 8, tickMicroseconds: 1000);
            wheel.Schedule(Instant.FromMilliseconds(100), 1, 0);
            wheel.Schedule(Instant.FromMilliseconds(4), 2, 0);

            var firedAt = new Dictionary<int, long>();
            for (long ms = 1; ms <= 120; ms++)
            {
                foreach (ExpiredTimer timer in Drain(wheel, Instant.FromMilliseconds(ms)))
                {
                    firedAt.Add(timer.OwnerId, ms);
                }
            }

            Assert.Equal(100, firedAt[1]);
            Assert.Equal(4, firedAt[2]);
        }

        [Fact]
        public void TimerBeyondOneRevolutionShouldFireWhenAdvancedInOneJump()
        {
            var wheel = new TimerWheel(Instant.Zero, slotCount: 8, tickMicroseconds: 1000);
            wheel.Schedule(Instant.FromMilliseconds(7_200_000), 1, 0); // two hours: a keep-alive

            Assert.Empty(Drain(wheel, Instant.FromMilliseconds(7_199_999)));
            Assert.Single(Drain(wheel, Instant.FromMilliseconds(7_200_000)));
        }

        [Fact]
        public void PastDeadlineShouldFireOnTheNextTick()
        {
            var wheel = new TimerWheel(Instant.FromMilliseconds(10), slotCount: 16, tickMicroseconds: 1000);
            wheel.Schedule(Instant.FromMilliseconds(3), 1, 0);

            Assert.Equal(Instant.FromMilliseconds(11), wheel.NextDeadline());
            Assert.Equal(0, wheel.Advance(new Instant(10_999)));
            Assert.Equal(1, wheel.Advance(Instant.FromMilliseconds(11)));
        }

        [Fact]
        public void NextDeadlineShouldTrackTheEarliestPendingTimer()
        {
            var wheel = new TimerWheel(Instant.Zero, slotCount: 8, tickMicroseconds: 1000);
            Assert.Null(wheel.NextDeadline());

            TimerHandle late = wheel.Schedule(Instant.FromMilliseconds(50), 1, 0);
            Assert.Equal(Instant.FromMilliseconds(50), wheel.NextDeadline());

            TimerHandle early = wheel.Schedule(new Instant(2500), 2, 0);
            Assert.Equal(Instant.FromMilliseconds(3), wheel.NextDeadline()); // rounded up to the tick that fires it

            wheel.Cancel(early);
            Assert.Equal(Instant.FromMilliseconds(50), wheel.NextDeadline());

            wheel.Advance(Instant.FromMilliseconds(60));
            Assert.Equal(Instant.FromMilliseconds(50), wheel.NextDeadline()); // expired, waiting to be popped

            Assert.True(wheel.TryPopExpired(out ExpiredTimer fired));
            Assert.Equal(late, fired.Handle);
            Assert.Null(wheel.NextDeadline());
        }

        [Fact]
        public void NextDeadlineShouldLookPastTimersOfLaterRevolutions()
        {
            // Slot 1 holds a timer one revolution away; a nearer one sits in slot 5. After the cached earliest
            // is cancelled, the recomputation must not stop at the first occupied slot.
            var wheel = new TimerWheel(Instant.Zero, slotCount: 8, tickMicroseconds: 1000);
            TimerHandle nearest = wheel.Schedule(Instant.FromMilliseconds(2), 1, 0);
            wheel.Schedule(Instant.FromMilliseconds(9), 2, 0);
            wheel.Schedule(Instant.FromMilliseconds(5), 3, 0);

            wheel.Cancel(nearest);

            Assert.Equal(Instant.FromMilliseconds(5), wheel.NextDeadline());
        }

        [Fact]
        public void AdvanceIntoASmallSpanShouldLeaveTheRestQueuedInOrder()
        {
            var wheel = new TimerWheel(Instant.Zero, slotCount: 16);
            for (int i = 0; i < 5; i++)
            {
                wheel.Schedule(new Instant(500 - (i * 10)), i, 0);
            }

            var span = new ExpiredTimer[2];
            Assert.Equal(2, wheel.Advance(Instant.FromMilliseconds(1), span));
            Assert.Equal(new[] { 4, 3 }, span.Select(t => t.OwnerId));
            Assert.Equal(3, wheel.ExpiredCount);
            Assert.Equal(new[] { 2, 1, 0 }, Drain(wheel, Instant.FromMilliseconds(1)).Select(t => t.OwnerId));
        }

        [Fact]
        public void ManySameTickTimersShouldFireInDeadlineOrder()
        {
            // More than the insertion-sort limit, so the heapsort path orders them.
            var wheel = new TimerWheel(Instant.Zero, slotCount: 16, tickMicroseconds: 1000, initialCapacity: 2);
            var random = new Random(7);
            for (int i = 0; i < 500; i++)
            {
                wheel.Schedule(new Instant(1 + random.Next(999)), i, 0);
            }

            List<ExpiredTimer> fired = Drain(wheel, Instant.FromMilliseconds(1));

            Assert.Equal(500, fired.Count);
            Assert.True(wheel.Capacity >= 500);
            for (int i = 1; i < fired.Count; i++)
            {
                Assert.True(fired[i - 1].Deadline <= fired[i].Deadline);
                if (fired[i - 1].Deadline == fired[i].Deadline)
                {
                    Assert.True(fired[i - 1].OwnerId < fired[i].OwnerId); // equal deadlines: scheduling order
                }
            }
        }

        [Fact]
        public void InvalidConfigurationShouldBeRejected()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new TimerWheel(Instant.Zero, slotCount: 3));
            Assert.Throws<ArgumentOutOfRangeException>(() => new TimerWheel(Instant.Zero, tickMicroseconds: 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => new TimerWheel(Instant.Zero, initialCapacity: 0));
        }

        [Fact]
        public void RandomOperationsShouldFireLikeASortedListModel()
        {
            // Operations: 0 schedule, 1 cancel, 2 reschedule, 3 short advance, 4 long advance (several revolutions).
            var gen = Gen.Select(Gen.Int[0, 4], Gen.Int[0, 5000], Gen.Int[0, 1000]).Array[1, 150];
            gen.Sample(operations =>
            {
                const long Tick = 100;
                var wheel = new TimerWheel(new Instant(50), slotCount: 8, tickMicroseconds: Tick, initialCapacity: 2);
                var model = new List<ModelTimer>();
                var handles = new List<TimerHandle>();
                long now = 50;
                long processedTick = 0;
                long sequence = 0;
                var span = new ExpiredTimer[3];

                foreach ((int kind, int amount, int pick) in operations)
                {
                    switch (kind)
                    {
                        case 0:
                        {
                            long deadline = now + amount - 300;
                            TimerHandle handle = wheel.Schedule(new Instant(deadline), handles.Count, 0);
                            model.Add(new ModelTimer(handles.Count, deadline, ExpiryTick(deadline, processedTick, Tick), sequence++));
                            handles.Add(handle);
                            break;
                        }

                        case 1 when handles.Count > 0:
                        {
                            int id = pick % handles.Count;
                            int removed = model.RemoveAll(t => t.Id == id);
                            Assert.Equal(removed == 1, wheel.Cancel(handles[id]));
                            break;
                        }

                        case 2 when handles.Count > 0:
                        {
                            int id = pick % handles.Count;
                            long deadline = now + amount - 300;
                            int index = model.FindIndex(t => t.Id == id);
                            Assert.Equal(index >= 0, wheel.Reschedule(handles[id], new Instant(deadline)));
                            if (index >= 0)
                            {
                                model[index] = new ModelTimer(id, deadline, ExpiryTick(deadline, processedTick, Tick), sequence++);
                            }

                            break;
                        }

                        case 3:
                        case 4:
                        {
                            now += kind == 3 ? amount : amount * 7L;
                            long nowTick = now / Tick;
                            if (nowTick > processedTick)
                            {
                                processedTick = nowTick;
                            }

                            List<ModelTimer> due = model
                                .Where(t => t.ExpiryTick <= processedTick)
                                .OrderBy(t => t.ExpiryTick).ThenBy(t => t.Deadline).ThenBy(t => t.Sequence)
                                .ToList();
                            model.RemoveAll(t => t.ExpiryTick <= processedTick);

                            var fired = new List<ExpiredTimer>();
                            int written = wheel.Advance(new Instant(now), span);
                            fired.AddRange(span.Take(written));
                            while (wheel.TryPopExpired(out ExpiredTimer timer))
                            {
                                fired.Add(timer);
                            }

                            Assert.Equal(due.Select(t => (t.Id, t.Deadline)), fired.Select(t => (t.OwnerId, t.Deadline.Microseconds)));
                            Assert.All(fired, t => Assert.True(t.Deadline.Microseconds <= now)); // never early
                            break;
                        }
                    }

                    Assert.Equal(model.Count, wheel.ScheduledCount);
                    Instant? expectedNext = model.Count == 0 ? null : new Instant(model.Min(t => t.ExpiryTick) * Tick);
                    Assert.Equal(expectedNext, wheel.NextDeadline());
                }
            }, iter: 500);
        }

        [Fact]
        public void SteadyStateScheduleCancelAdvanceShouldNotAllocate()
        {
            var wheel = new TimerWheel(Instant.Zero, slotCount: 256, tickMicroseconds: 1000, initialCapacity: 64);
            var expired = new ExpiredTimer[16];
            long now = 0;
            RunCycles(wheel, expired, ref now, 1000);

            // Least of three runs: a stray allocation by the test host on this thread must not fail the test.
            long allocated = long.MaxValue;
            for (int run = 0; run < 3; run++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                RunCycles(wheel, expired, ref now, 20_000);
                allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
            }

            Assert.Equal(0, allocated);
        }

        private static void RunCycles(TimerWheel wheel, ExpiredTimer[] expired, ref long now, int cycles)
        {
            for (int i = 0; i < cycles; i++)
            {
                // A retransmission timer restarted on every ACK, a delayed ACK that fires, and a far keep-alive.
                TimerHandle retransmit = wheel.Schedule(new Instant(now + 200_000), i, 1);
                wheel.Schedule(new Instant(now + 500), i, 2);
                TimerHandle keepAlive = wheel.Schedule(new Instant(now + 7_200_000_000), i, 3);
                wheel.Reschedule(retransmit, new Instant(now + 300_000));
                wheel.Cancel(retransmit);
                wheel.Cancel(keepAlive);
                now += 1000;
                wheel.Advance(new Instant(now), expired);
                wheel.NextDeadline();
            }
        }

        private static long ExpiryTick(long deadline, long processedTick, long tick)
        {
            long ceiling = (deadline + tick - 1) / tick;
            return Math.Max(ceiling, processedTick + 1);
        }

        private static List<ExpiredTimer> Drain(TimerWheel wheel, Instant now)
        {
            var fired = new List<ExpiredTimer>();
            wheel.Advance(now);
            while (wheel.TryPopExpired(out ExpiredTimer timer))
            {
                fired.Add(timer);
            }

            return fired;
        }

        /// <summary>The reference model's view of one pending timer.</summary>
        private readonly record struct ModelTimer(int Id, long Deadline, long ExpiryTick, long Sequence);
    }
}
