using System;
using TcpGen.Runtime.Engine;

namespace TcpGen.Runtime.Hosting
{
    /// <summary>One user call queued for the loop thread, with what it needs and the completion to signal.</summary>
    internal readonly struct StackCommand
    {
        public StackCommand(StackCommandKind kind, TcpConnection? connection = null, ConnectionListener? listener = null, Endpoint endpoint = default, bool flag = false, object? completion = null, TimeSpan duration = default, byte[]? data = null)
        {
            Kind = kind;
            Connection = connection;
            Listener = listener;
            Endpoint = endpoint;
            Flag = flag;
            Completion = completion;
            Duration = duration;
            Data = data;
        }

        /// <summary>What to do.</summary>
        public StackCommandKind Kind { get; }

        /// <summary>The connection concerned, if any.</summary>
        public TcpConnection? Connection { get; }

        /// <summary>The listener concerned, if any.</summary>
        public ConnectionListener? Listener { get; }

        /// <summary>The local endpoint to listen on or the remote one to connect to.</summary>
        public Endpoint Endpoint { get; }

        /// <summary>A switch value: SetNoDelay's setting; for Release, whether received data was left unread (reset instead of FIN).</summary>
        public bool Flag { get; }

        /// <summary>The TaskCompletionSource the caller awaits, if any.</summary>
        public object? Completion { get; }

        /// <summary>SetUserTimeout's time.</summary>
        public TimeSpan Duration { get; }

        /// <summary>SendUrgent's bytes (a copy the caller no longer touches).</summary>
        public byte[]? Data { get; }
    }
}
