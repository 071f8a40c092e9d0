namespace TcpGen.Runtime.Engine
{
    internal sealed partial class TcpConnection
    {
        /// <summary>The send sequence variables and buffer fill, for the invariant checks of the property tests.</summary>
        internal SendSequenceSnapshot SendSequence => new(_sndUna.Value, _sndNxt.Value, _sndMax.Value, SendBufferCount, ReadableBytes);
    }

    /// <summary>SND.UNA, SND.NXT and SND.MAX (the highest sequence sent) with the bytes held in the send and receive buffers.</summary>
    internal readonly record struct SendSequenceSnapshot(uint Una, uint Nxt, uint Max, int SendBuffered, int ReceiveBuffered);
}
