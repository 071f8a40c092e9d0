using System;
using System.Numerics;

namespace TcpGen.Runtime.Timers
{
    /// <summary>
    /// A hashed timing wheel (Varghese and Lauck, scheme 6) for the engine's timers: retransmission, delayed ACK,
    /// persist, keep-alive, TIME-WAIT. Time is injected: the wheel only moves when <see cref="Advance(Instant)"/> is
    /// called with the caller's clock.
    /// <para>
    /// Slots are <see cref="TickMicroseconds"/> wide; a timer goes into slot (expiry tick mod slot count), and one
    /// more than a revolution away stays there until its tick comes round (its absolute expiry tick acts as the
    /// rounds counter). A timer never fires before its deadline and fires less than one tick after it: a deadline
    /// is rounded up to a tick boundary, and a deadline already passed fires on the next tick.
    /// </para>
    /// <para>
    /// Costs: <see cref="Schedule"/>, <see cref="Cancel"/> and <see cref="Reschedule"/> are O(1). Nodes come from a
    /// preallocated pool linked into intrusive lists; the pool doubles only when exhausted, so steady state
    /// allocates nothing. <see cref="Advance(Instant)"/> visits only occupied slots (found through a bitmap) and jumps
    /// over idle stretches longer than a revolution, so its cost is proportional to the timers it fires plus
    /// O(slots/64) per revolution covered. <see cref="NextDeadline"/> is O(1) when cached; after the earliest
    /// timer fires or is cancelled it is recomputed by scanning occupied slots in tick order (amortised; worst case
    /// all scheduled timers when all are more than a revolution away).
    /// </para>
    /// <para>
    /// Expired timers are queued in firing order (by tick, then deadline, then scheduling order) and handed out by
    /// <see cref="TryPopExpired"/> or <see cref="Advance(Instant, Span{ExpiredTimer})"/>. Not thread-safe: one wheel
    /// per engine thread.
    /// </para>
    /// </summary>
    public sealed class TimerWheel
    {
        /// <summary>Default slot width: 1 ms, finer than any TCP timer needs (RFC 6298 clock granularity G).</summary>
        public const long DefaultTickMicroseconds = 1000;

        /// <summary>Default slot count: 1024 slots of 1 ms cover about a second per revolution (typical RTOs).</summary>
        public const int DefaultSlotCount = 1024;

        /// <summary>Default initial pool size.</summary>
        public const int DefaultInitialCapacity = 256;

        /// <summary>Largest slot count accepted, to keep the slot arrays reasonable.</summary>
        public const int MaximumSlotCount = 1 << 24;

        /// <summary>Marks "no node" in list links.</summary>
        private const int NoNode = -1;

        /// <summary>Why it exists: slot width in microseconds.</summary>
        private readonly long _tickMicroseconds;

        /// <summary>Why it exists: slot count - 1; slot count is a power of two so tick mod count is a mask.</summary>
        private readonly int _slotMask;

        /// <summary>Why it exists: first node of each slot's list (FIFO, so equal deadlines keep scheduling order cheaply).</summary>
        private readonly int[] _slotHeads;

        /// <summary>Why it exists: last node of each slot's list, for O(1) append.</summary>
        private readonly int[] _slotTails;

        /// <summary>Why it exists: one bit per slot, set if the slot is non-empty, to skip empty slots 64 at a time.</summary>
        private readonly ulong[] _occupiedSlots;

        /// <summary>Why it exists: the node pool; grows by doubling only when exhausted.</summary>
        private TimerNode[] _nodes;

        /// <summary>Why it exists: scratch for sorting one tick's expiring nodes; as long as the pool.</summary>
        private int[] _sortScratch;

        /// <summary>Why it exists: head of the free-node list (linked through Next), or -1.</summary>
        private int _freeHead;

        /// <summary>Why it exists: every tick up to and including this one has been processed.</summary>
        private long _currentTick;

        /// <summary>Why it exists: nodes in slots; 0 lets Advance jump straight to now.</summary>
        private int _scheduledCount;

        /// <summary>Why it exists: first node of the expired queue, or -1.</summary>
        private int _expiredHead;

        /// <summary>Why it exists: last node of the expired queue, for O(1) append.</summary>
        private int _expiredTail;

        /// <summary>Why it exists: nodes in the expired queue.</summary>
        private int _expiredCount;

        /// <summary>Why it exists: source of scheduling sequence numbers for tie-breaking.</summary>
        private long _nextSequence;

        /// <summary>Why it exists: cached earliest scheduled node for NextDeadline, valid when <see cref="_earliestKnown"/>.</summary>
        private int _earliestNode = NoNode;

        /// <summary>Why it exists: false once the cached earliest node fired or was cancelled; recomputed lazily.</summary>
        private bool _earliestKnown = true;

        /// <summary>Builds an empty wheel whose clock starts at <paramref name="start"/>.</summary>
        /// <param name="start">The current time; ticks up to it count as processed.</param>
        /// <param name="slotCount">Slots per revolution; a power of two.</param>
        /// <param name="tickMicroseconds">Slot width in microseconds; at least 1.</param>
        /// <param name="initialCapacity">Timers the pool holds before it has to grow; at least 1.</param>
        public TimerWheel(
            Instant start,
            int slotCount = DefaultSlotCount,
            long tickMicroseconds = DefaultTickMicroseconds,
            int initialCapacity = DefaultInitialCapacity)
        {
            if (slotCount < 1 || slotCount > MaximumSlotCount || !BitOperations.IsPow2(slotCount))
            {
                throw new ArgumentOutOfRangeException(nameof(slotCount), slotCount, $"Slot count must be a power of two from 1 to {MaximumSlotCount}.");
            }

            ArgumentOutOfRangeException.ThrowIfLessThan(tickMicroseconds, 1L);
            ArgumentOutOfRangeException.ThrowIfLessThan(initialCapacity, 1);

            _tickMicroseconds = tickMicroseconds;
            _slotMask = slotCount - 1;
            _slotHeads = new int[slotCount];
            _slotTails = new int[slotCount];
            _slotHeads.AsSpan().Fill(NoNode);
            _slotTails.AsSpan().Fill(NoNode);
            _occupiedSlots = new ulong[(slotCount + 63) / 64];
            _nodes = Array.Empty<TimerNode>();
            _sortScratch = Array.Empty<int>();
            _freeHead = NoNode;
            _expiredHead = NoNode;
            _expiredTail = NoNode;
            _currentTick = FloorTick(start.Microseconds);
            Grow(initialCapacity);
        }

        /// <summary>Slot width in microseconds.</summary>
        public long TickMicroseconds => _tickMicroseconds;

        /// <summary>Slots per revolution.</summary>
        public int SlotCount => _slotMask + 1;

        /// <summary>Nodes in the pool (grows by doubling when exhausted).</summary>
        public int Capacity => _nodes.Length;

        /// <summary>Timers waiting for their deadline.</summary>
        public int ScheduledCount => _scheduledCount;

        /// <summary>Timers fired by Advance and not yet popped.</summary>
        public int ExpiredCount => _expiredCount;

        /// <summary>The start of the last processed tick: Advance has handled every deadline up to this instant.</summary>
        public Instant ProcessedUntil => new(_currentTick * _tickMicroseconds);

        /// <summary>
        /// Schedules a timer for <paramref name="deadline"/> and returns its handle. A deadline at or before
        /// <see cref="ProcessedUntil"/> fires on the next tick.
        /// </summary>
        /// <param name="deadline">Earliest instant at which the timer may fire.</param>
        /// <param name="ownerId">Returned on expiry, e.g. the connection id.</param>
        /// <param name="kind">Returned on expiry, e.g. which of the connection's timers.</param>
        public TimerHandle Schedule(Instant deadline, int ownerId, byte kind)
        {
            int index = AllocateNode();
            ref TimerNode node = ref _nodes[index];
            node.OwnerId = ownerId;
            node.Kind = kind;
            Place(index, deadline);
            return new TimerHandle(index, node.Generation);
        }

        /// <summary>
        /// Moves a pending timer (scheduled, or expired but not yet popped) to a new deadline, keeping its handle,
        /// owner and kind. False, with nothing changed, if the handle is stale.
        /// </summary>
        public bool Reschedule(TimerHandle handle, Instant deadline)
        {
            if (!TryResolve(handle, out int index))
            {
                return false;
            }

            Unlink(index);
            Place(index, deadline);
            return true;
        }

        /// <summary>
        /// Cancels a pending timer (scheduled, or expired but not yet popped), so it is never reported.
        /// False, with nothing changed, if the handle is stale: already popped, already cancelled, or <see cref="TimerHandle.None"/>.
        /// </summary>
        public bool Cancel(TimerHandle handle)
        {
            if (!TryResolve(handle, out int index))
            {
                return false;
            }

            Unlink(index);
            Release(index);
            return true;
        }

        /// <summary>True if <paramref name="handle"/> names a timer that is scheduled or expired but not yet popped.</summary>
        public bool IsPending(TimerHandle handle) => TryResolve(handle, out _);

        /// <summary>
        /// Processes every tick up to <paramref name="now"/>, moving the timers that came due to the expired queue in
        /// firing order, and returns how many did. An instant earlier than <see cref="ProcessedUntil"/> changes nothing.
        /// </summary>
        public int Advance(Instant now)
        {
            long nowTick = FloorTick(now.Microseconds);
            int expired = 0;
            while (_currentTick < nowTick)
            {
                if (_scheduledCount == 0)
                {
                    _currentTick = nowTick;
                    break;
                }

                long limit = nowTick - _currentTick > SlotCount ? _currentTick + SlotCount : nowTick;
                for (long tick = NextOccupiedTick(_currentTick + 1, limit); tick >= 0; tick = NextOccupiedTick(tick + 1, limit))
                {
                    _currentTick = tick;
                    expired += ExpireSlot(tick);
                }

                _currentTick = limit;
                if (_currentTick < nowTick && _scheduledCount > 0)
                {
                    // A whole revolution without reaching now: skip straight to just before the earliest timer.
                    long earliestTick = _nodes[FindEarliest()].ExpiryTick;
                    _currentTick = Math.Max(_currentTick, Math.Min(nowTick, earliestTick - 1));
                }
            }

            return expired;
        }

        /// <summary>
        /// <see cref="Advance(Instant)"/>, then pops expired timers into <paramref name="expired"/> in firing order and
        /// returns how many it wrote. If that fills the span, more may remain: pop them with <see cref="TryPopExpired"/>
        /// or call again.
        /// </summary>
        public int Advance(Instant now, Span<ExpiredTimer> expired)
        {
            Advance(now);
            int written = 0;
            while (written < expired.Length && TryPopExpired(out expired[written]))
            {
                written++;
            }

            return written;
        }

        /// <summary>Takes the next expired timer in firing order; false if none is waiting. Its handle goes stale.</summary>
        public bool TryPopExpired(out ExpiredTimer timer)
        {
            int index = _expiredHead;
            if (index == NoNode)
            {
                timer = default;
                return false;
            }

            ref TimerNode node = ref _nodes[index];
            timer = new ExpiredTimer(new TimerHandle(index, node.Generation), new Instant(node.Deadline), node.OwnerId, node.Kind);
            Unlink(index);
            Release(index);
            return true;
        }

        /// <summary>
        /// The instant from which <see cref="Advance(Instant)"/> will fire the next timer: the earliest deadline rounded up to
        /// its tick, or the deadline of the first expired timer still waiting to be popped (already due). Null if no
        /// timer is pending, so the engine can sleep until new input.
        /// </summary>
        public Instant? NextDeadline()
        {
            if (_expiredHead != NoNode)
            {
                return new Instant(_nodes[_expiredHead].Deadline);
            }

            if (_scheduledCount == 0)
            {
                return null;
            }

            long tick = _nodes[FindEarliest()].ExpiryTick;
            return tick > long.MaxValue / _tickMicroseconds ? Instant.MaxValue : new Instant(tick * _tickMicroseconds);
        }

        /// <summary>Sets a node's deadline and puts it in its slot, as the newest timer.</summary>
        private void Place(int index, Instant deadline)
        {
            ref TimerNode node = ref _nodes[index];
            node.Deadline = deadline.Microseconds;
            node.ExpiryTick = Math.Max(CeilingTick(deadline.Microseconds), _currentTick + 1);
            node.Sequence = _nextSequence++;
            node.State = TimerNodeState.Scheduled;

            int slot = (int)(node.ExpiryTick & _slotMask);
            node.Next = NoNode;
            node.Previous = _slotTails[slot];
            if (_slotTails[slot] == NoNode)
            {
                _slotHeads[slot] = index;
                _occupiedSlots[slot >> 6] |= 1UL << (slot & 63);
            }
            else
            {
                _nodes[_slotTails[slot]].Next = index;
            }

            _slotTails[slot] = index;
            _scheduledCount++;

            if (_scheduledCount == 1)
            {
                _earliestNode = index;
                _earliestKnown = true;
            }
            else if (_earliestKnown && ExpiryOrder.IsEarlier(_nodes, index, _earliestNode))
            {
                _earliestNode = index;
            }
        }

        /// <summary>Takes a node out of whichever list it is on (slot or expired queue).</summary>
        private void Unlink(int index)
        {
            ref TimerNode node = ref _nodes[index];
            if (node.State == TimerNodeState.Scheduled)
            {
                int slot = (int)(node.ExpiryTick & _slotMask);
                UnlinkFrom(ref _slotHeads[slot], ref _slotTails[slot], ref node);
                if (_slotHeads[slot] == NoNode)
                {
                    _occupiedSlots[slot >> 6] &= ~(1UL << (slot & 63));
                }

                _scheduledCount--;
                if (index == _earliestNode)
                {
                    _earliestKnown = false;
                }
            }
            else
            {
                UnlinkFrom(ref _expiredHead, ref _expiredTail, ref node);
                _expiredCount--;
            }

            node.Next = NoNode;
            node.Previous = NoNode;
        }

        /// <summary>Removes <paramref name="node"/> from the doubly-linked list with the given head and tail.</summary>
        private void UnlinkFrom(ref int head, ref int tail, ref TimerNode node)
        {
            if (node.Previous == NoNode)
            {
                head = node.Next;
            }
            else
            {
                _nodes[node.Previous].Next = node.Next;
            }

            if (node.Next == NoNode)
            {
                tail = node.Previous;
            }
            else
            {
                _nodes[node.Next].Previous = node.Previous;
            }
        }

        /// <summary>Fires the nodes of <paramref name="tick"/>'s slot whose tick has come, in deadline order; returns how many.</summary>
        private int ExpireSlot(long tick)
        {
            int slot = (int)(tick & _slotMask);
            int count = 0;
            int index = _slotHeads[slot];
            while (index != NoNode)
            {
                int next = _nodes[index].Next;
                if (_nodes[index].ExpiryTick <= tick)
                {
                    Unlink(index);
                    _sortScratch[count++] = index;
                }

                index = next;
            }

            Span<int> fired = _sortScratch.AsSpan(0, count);
            ExpiryOrder.Sort(_nodes, fired);
            foreach (int firedIndex in fired)
            {
                AppendExpired(firedIndex);
            }

            return count;
        }

        /// <summary>Appends a node to the expired queue.</summary>
        private void AppendExpired(int index)
        {
            ref TimerNode node = ref _nodes[index];
            node.State = TimerNodeState.Expired;
            node.Next = NoNode;
            node.Previous = _expiredTail;
            if (_expiredTail == NoNode)
            {
                _expiredHead = index;
            }
            else
            {
                _nodes[_expiredTail].Next = index;
            }

            _expiredTail = index;
            _expiredCount++;
        }

        /// <summary>
        /// The first tick in [<paramref name="from"/>, <paramref name="to"/>] whose slot is non-empty, or -1.
        /// The range spans at most one revolution, so each slot maps to exactly one tick in it.
        /// </summary>
        private long NextOccupiedTick(long from, long to)
        {
            long span = to - from + 1;
            long scanned = 0;
            int slot = (int)(from & _slotMask);
            int slotCount = SlotCount;
            while (scanned < span)
            {
                int bit = slot & 63;
                ulong bits = _occupiedSlots[slot >> 6] >> bit;
                if (bits != 0)
                {
                    long found = scanned + BitOperations.TrailingZeroCount(bits);
                    return found < span ? from + found : -1;
                }

                int step = Math.Min(64 - bit, slotCount - slot);
                scanned += step;
                slot += step;
                if (slot == slotCount)
                {
                    slot = 0;
                }
            }

            return -1;
        }

        /// <summary>
        /// The scheduled node that fires first (by tick, deadline, sequence). Uses the cache, else scans occupied
        /// slots in tick order over one revolution: once a slot's tick reaches the best expiry tick seen, no later
        /// slot can hold an earlier timer. Requires at least one scheduled node.
        /// </summary>
        private int FindEarliest()
        {
            if (_earliestKnown)
            {
                return _earliestNode;
            }

            int best = NoNode;
            long to = _currentTick + SlotCount;
            for (long tick = NextOccupiedTick(_currentTick + 1, to); tick >= 0; tick = NextOccupiedTick(tick + 1, to))
            {
                for (int index = _slotHeads[(int)(tick & _slotMask)]; index != NoNode; index = _nodes[index].Next)
                {
                    if (best == NoNode || ExpiryOrder.IsEarlier(_nodes, index, best))
                    {
                        best = index;
                    }
                }

                if (_nodes[best].ExpiryTick <= tick)
                {
                    break;
                }
            }

            _earliestNode = best;
            _earliestKnown = true;
            return best;
        }

        /// <summary>Finds the node a handle names, if the handle is still current.</summary>
        private bool TryResolve(TimerHandle handle, out int index)
        {
            index = handle.Index;
            return handle.Generation != 0
                && (uint)index < (uint)_nodes.Length
                && _nodes[index].Generation == handle.Generation
                && _nodes[index].State != TimerNodeState.Free;
        }

        /// <summary>Takes a node from the free list, growing the pool if it is empty.</summary>
        private int AllocateNode()
        {
            if (_freeHead == NoNode)
            {
                Grow(_nodes.Length * 2);
            }

            int index = _freeHead;
            _freeHead = _nodes[index].Next;
            return index;
        }

        /// <summary>Returns a node to the free list and makes its handles stale.</summary>
        private void Release(int index)
        {
            ref TimerNode node = ref _nodes[index];
            node.State = TimerNodeState.Free;
            node.Generation = node.Generation == int.MaxValue ? 1 : node.Generation + 1;
            node.Next = _freeHead;
            node.Previous = NoNode;
            _freeHead = index;
        }

        /// <summary>Enlarges the pool to <paramref name="capacity"/> nodes and frees the new ones (the only allocation after construction).</summary>
        private void Grow(int capacity)
        {
            int oldCapacity = _nodes.Length;
            Array.Resize(ref _nodes, capacity);
            Array.Resize(ref _sortScratch, capacity);
            for (int index = capacity - 1; index >= oldCapacity; index--)
            {
                _nodes[index].Generation = 1;
                _nodes[index].State = TimerNodeState.Free;
                _nodes[index].Previous = NoNode;
                _nodes[index].Next = _freeHead;
                _freeHead = index;
            }
        }

        /// <summary>The tick containing <paramref name="microseconds"/> (floor division, also for negative times).</summary>
        private long FloorTick(long microseconds)
        {
            long tick = Math.DivRem(microseconds, _tickMicroseconds, out long remainder);
            return remainder < 0 ? tick - 1 : tick;
        }

        /// <summary>The first tick boundary at or after <paramref name="microseconds"/>.</summary>
        private long CeilingTick(long microseconds)
        {
            long tick = FloorTick(microseconds);
            return tick * _tickMicroseconds < microseconds ? tick + 1 : tick;
        }
    }
}
