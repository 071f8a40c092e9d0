namespace TcpGen.Runtime.Simulation
{
    /// <summary>One of the two hosts attached to a <see cref="SimulatedNetwork"/>.</summary>
    public enum NetworkSide : byte
    {
        /// <summary>The first host (in the bulk transfer, the listener).</summary>
        A,

        /// <summary>The second host (in the bulk transfer, the connector).</summary>
        B,
    }
}
