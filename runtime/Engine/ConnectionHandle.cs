namespace TcpGen.Runtime.Engine
{
    /// <summary>
    /// Names a connection or listener inside one <see cref="TcpEngine"/>. The generation makes a handle to a
    /// freed slot stale instead of pointing at whoever reuses the slot.
    /// </summary>
    public readonly record struct ConnectionHandle(int Index, int Generation)
    {
        /// <summary>No connection.</summary>
        public static ConnectionHandle None => new(-1, 0);

        /// <summary>False for <see cref="None"/>.</summary>
        public bool IsValid => Index >= 0;
    }
}
