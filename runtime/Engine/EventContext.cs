using System;
using TcpGen.Runtime.Timers;

namespace TcpGen.Runtime.Engine
{
    /// <summary>
    /// What one table step's actions may need besides the connection: the arriving segment and its text, or the
    /// user's data, and the current time. A ref struct so spans ride along without copying or allocation.
    /// </summary>
    internal ref struct EventContext
    {
        /// <summary>The current time.</summary>
        public Instant Now;

        /// <summary>The event being processed (set by the step).</summary>
        public TcpEvent Event;

        /// <summary>True when <see cref="Segment"/> holds an arriving segment.</summary>
        public bool HasSegment;

        /// <summary>The arriving segment's fields.</summary>
        public SegmentInfo Segment;

        /// <summary>The arriving segment's text.</summary>
        public ReadOnlySpan<byte> Payload;

        /// <summary>Data of a SEND call.</summary>
        public ReadOnlySpan<byte> UserData;

        /// <summary>True when the SEND call marks its data urgent (MUST-30).</summary>
        public bool Urgent;

        /// <summary>Octets the QUEUE-DATA action accepted.</summary>
        public int BytesQueued;

        /// <summary>Context for a user call or timer.</summary>
        public static EventContext ForCall(Instant now) => new() { Now = now };

        /// <summary>Context for an arriving segment.</summary>
        public static EventContext ForSegment(Instant now, in SegmentInfo segment, ReadOnlySpan<byte> payload) =>
            new() { Now = now, HasSegment = true, Segment = segment, Payload = payload };
    }
}
