namespace TcpGen.Runtime.Engine
{
    /// <summary>
    /// Sees every step a connection takes through the generated table, for timelines (tcpgen demo), logs and the
    /// property tests that check state changes come only from the table. Called on the engine's thread.
    /// </summary>
    public interface ITcpTransitionObserver
    {
        /// <summary>One table step: the connection was in <paramref name="from"/>, <paramref name="evt"/> happened, and <paramref name="transition"/> was taken.</summary>
        void OnTransition(ConnectionHandle connection, TcpState from, TcpEvent evt, TcpTransition transition);
    }
}
