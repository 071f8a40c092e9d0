using System;
using TcpGen.Runtime.Codec;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>
    /// A TCP segment template in the smoltcp style: tests write <c>Seg.Ack with { Seq = ..., Ack = ... }</c>.
    /// Null fields of an expectation are not compared (window, options); everything else is compared exactly.
    /// <see cref="Timestamps"/> and <see cref="Sack"/> are compared when set; <see cref="SackPermitted"/> is compared when
    /// the expectation has a SYN.
    /// </summary>
    public readonly record struct Seg(
        TcpFlags Flags,
        uint Seq = 0,
        uint Ack = 0,
        ushort? Window = null,
        byte[]? Payload = null,
        ushort? Mss = null,
        byte? WindowScale = null,
        ushort UrgentPointer = 0,
        TcpTimestamps? Timestamps = null,
        bool SackPermitted = false,
        SackBlock[]? Sack = null)
    {
        /// <summary>SYN.</summary>
        public static Seg Syn => new(TcpFlags.Syn);

        /// <summary>SYN,ACK.</summary>
        public static Seg SynAck => new(TcpFlags.Syn | TcpFlags.Ack);

        /// <summary>ACK.</summary>
        public static Seg AckOnly => new(TcpFlags.Ack);

        /// <summary>ACK with PSH (data segments carry it when they end the buffered data, MUST-61).</summary>
        public static Seg Data => new(TcpFlags.Ack | TcpFlags.Psh);

        /// <summary>FIN,ACK.</summary>
        public static Seg FinAck => new(TcpFlags.Fin | TcpFlags.Ack);

        /// <summary>RST.</summary>
        public static Seg Rst => new(TcpFlags.Rst);

        /// <summary>RST,ACK.</summary>
        public static Seg RstAck => new(TcpFlags.Rst | TcpFlags.Ack);

        /// <summary>Octets of text.</summary>
        public int Length => Payload?.Length ?? 0;

        /// <summary>For assertion messages.</summary>
        public override string ToString() =>
            FormattableString.Invariant($"[{Flags}] seq={Seq} ack={Ack} win={Window?.ToString() ?? "*"} len={Length}{(Mss is { } m ? $" mss={m}" : string.Empty)}{(WindowScale is { } w ? $" ws={w}" : string.Empty)}{(UrgentPointer != 0 ? $" up={UrgentPointer}" : string.Empty)}{(Timestamps is { } ts ? $" ts={ts.Value}/{ts.EchoReply}" : string.Empty)}{(SackPermitted ? " sackOK" : string.Empty)}{(Sack is { Length: > 0 } s ? " sack=" + string.Join(",", System.Array.ConvertAll(s, b => $"{b.LeftEdge}-{b.RightEdge}")) : string.Empty)}");
    }
}
