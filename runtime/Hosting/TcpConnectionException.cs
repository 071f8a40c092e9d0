using System;
using System.IO;
using TcpGen.Runtime.Engine;

namespace TcpGen.Runtime.Hosting
{
    /// <summary>
    /// Thrown by reads, writes and opens of a <see cref="TcpConnection"/> that ended other than gracefully: reset by
    /// the peer, refused, timed out, or aborted (MUST-12: the user learns how a connection ended).
    /// </summary>
    public sealed class TcpConnectionException : IOException
    {
        public TcpConnectionException(EndReason reason)
            : base(MessageFor(reason))
        {
            Reason = reason;
        }

        public TcpConnectionException(EndReason reason, string message)
            : base(message)
        {
            Reason = reason;
        }

        public TcpConnectionException()
            : this(EndReason.None)
        {
        }

        public TcpConnectionException(string message)
            : base(message)
        {
        }

        public TcpConnectionException(string message, Exception innerException)
            : base(message, innerException)
        {
        }

        /// <summary>How the connection ended.</summary>
        public EndReason Reason { get; }

        /// <summary>The message for each way a connection can end badly.</summary>
        public static string MessageFor(EndReason reason) => reason switch
        {
            EndReason.Reset => "Connection reset by peer (RST received).",
            EndReason.Refused => "Connection refused: the peer answered the SYN with a reset.",
            EndReason.TimedOut => "Connection timed out: retransmissions went unanswered (user timeout).",
            EndReason.Aborted => "Connection aborted locally.",
            EndReason.Graceful => "Connection closed.",
            _ => "Connection failed.",
        };
    }
}
