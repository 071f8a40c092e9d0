namespace TcpGen.Runtime.Timers
{
    /// <summary>
    /// One entry of the <see cref="TimerWheel"/>'s preallocated pool. Nodes link into intrusive doubly-linked lists
    /// (a wheel slot, the expired queue, or the free list) by index, so scheduling allocates nothing.
    /// </summary>
    internal struct TimerNode
    {
        /// <summary>Why it exists: the requested deadline in microseconds, reported back and used to order a tick's timers.</summary>
        public long Deadline;

        /// <summary>
        /// Why it exists: the absolute wheel tick at which the timer fires. It doubles as the rounds counter of a
        /// hashed wheel: the slot is ExpiryTick mod slot count, and a slot visit fires only nodes whose tick has come,
        /// so a node more than one revolution away simply stays for later visits.
        /// </summary>
        public long ExpiryTick;

        /// <summary>Why it exists: scheduling order, which breaks ties between equal deadlines (first scheduled fires first).</summary>
        public long Sequence;

        /// <summary>Why it exists: the caller's owner id, returned on expiry.</summary>
        public int OwnerId;

        /// <summary>Why it exists: bumped when the node is freed, so old handles stop matching; never 0.</summary>
        public int Generation;

        /// <summary>Why it exists: next node in the node's list, or -1.</summary>
        public int Next;

        /// <summary>Why it exists: previous node in the node's list, or -1 (unused on the free list).</summary>
        public int Previous;

        /// <summary>Why it exists: the caller's timer kind, returned on expiry.</summary>
        public byte Kind;

        /// <summary>Why it exists: which list the node is on, so cancel unlinks from the right one.</summary>
        public TimerNodeState State;
    }
}
