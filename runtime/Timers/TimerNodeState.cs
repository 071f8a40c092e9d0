namespace TcpGen.Runtime.Timers
{
    /// <summary>Which list a <see cref="TimerNode"/> is on.</summary>
    internal enum TimerNodeState : byte
    {
        /// <summary>On the free list, available for a new timer.</summary>
        Free,

        /// <summary>In a wheel slot, waiting for its tick.</summary>
        Scheduled,

        /// <summary>Fired by Advance, waiting in the expired queue to be popped.</summary>
        Expired,
    }
}
