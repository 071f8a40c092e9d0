namespace TcpGen.Runtime.Timers
{
    /// <summary>A timer that a <see cref="TimerWheel"/> fired: what was scheduled, handed back to the engine.</summary>
    /// <param name="Handle">The handle <see cref="TimerWheel.Schedule"/> returned (now stale), so the owner can tell which of its timers fired.</param>
    /// <param name="Deadline">The deadline it was scheduled for; it fired at or after this, less than one tick late.</param>
    /// <param name="OwnerId">The owner given at scheduling, e.g. a connection id.</param>
    /// <param name="Kind">The kind given at scheduling, e.g. retransmission or TIME-WAIT.</param>
    public readonly record struct ExpiredTimer(TimerHandle Handle, Instant Deadline, int OwnerId, byte Kind);
}
