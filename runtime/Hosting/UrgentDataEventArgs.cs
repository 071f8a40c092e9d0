using System;

namespace TcpGen.Runtime.Hosting
{
    /// <summary>
    /// The peer sent urgent data (RFC 9293 3.8.5, MUST-32): the urgent mark moved. Urgent data is read inline; the mark
    /// says where in the received stream it ends, so the user knows how much urgent data is still to be read (MUST-33).
    /// </summary>
    public sealed class UrgentDataEventArgs : EventArgs
    {
        public UrgentDataEventArgs(long urgentMark)
        {
            UrgentMark = urgentMark;
        }

        /// <summary>Offset in the received byte stream (0 = the first byte received) of the first byte after the urgent data.</summary>
        public long UrgentMark { get; }
    }
}
