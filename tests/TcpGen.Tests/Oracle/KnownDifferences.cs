using System.Collections.Generic;
using TcpGen.Runtime;

namespace TcpGen.Tests.Oracle
{
    /// <summary>
    /// The cells where tcp-states.dsl deliberately departs from the literal RFC 9293 text that
    /// <see cref="RfcStateDiagram"/> encodes. Each entry must still differ (OracleTest checks), so the list
    /// cannot go stale when the DSL changes.
    /// </summary>
    public static class KnownDifferences
    {
        /// <summary>Every known difference, one per cell and kind.</summary>
        public static IReadOnlyList<KnownDifference> All { get; } = new KnownDifference[]
        {
            new(TcpState.Listen, TcpEvent.UserTimeout, DifferenceKind.NextState,
                "RFC 9293 §3.10.8 says 'for any state', but §3.9.1.1 defines the user timeout over data submitted and not " +
                "delivered, and R2 counts retransmissions (MUST-20): LISTEN has nothing in flight, so the timer is never armed " +
                "and a stray expiry must not delete the listener."),
            new(TcpState.SynReceivedPassive, TcpEvent.UserTimeout, DifferenceKind.NextState,
                "RFC 9293 §3.10.8 literally enters CLOSED, but the failed half-open connection came from the user's passive OPEN: " +
                "like a RST here (RFC 9293 §3.10.7.4 second check, Figure 5 note 1, 'the user need not be informed') it returns to " +
                "LISTEN, so one spoofed SYN whose SYN,ACK is never answered (RFC 4987 §2, SYN flooding) cannot close the listener."),
            new(TcpState.FinWait2, TcpEvent.FinWait2Timeout, DifferenceKind.NextState,
                "RFC 9293 §3.10.8 has no FIN-WAIT-2 timer: FIN-WAIT-2 waits for the peer's FIN indefinitely. The table adds " +
                "Linux's tcp_fin_timeout for orphaned connections (armed by START-FIN-WAIT-2-TIMER), so a peer that never sends " +
                "its FIN cannot pin a TCB nobody can read any more (compare the half-duplex close of RFC 9293 §3.6.1, MAY-1)."),
            new(TcpState.TimeWait, TcpEvent.RcvRst, DifferenceKind.NextState,
                "RFC 9293 §3.10.7.4 second check enters CLOSED on a RST in TIME-WAIT; RFC 1337 §3 fix F1 and §4 ignore RSTs in " +
                "TIME-WAIT so an old duplicate cannot assassinate it and TIME-WAIT lasts the full 2 x MSL (MUST-13)."),
            new(TcpState.TimeWait, TcpEvent.UserTimeout, DifferenceKind.NextState,
                "RFC 9293 §3.10.8 says 'for any state', but in TIME-WAIT both FINs are acknowledged, so no data is undelivered " +
                "(§3.9.1.1) and no retransmission counts towards R2 (MUST-20); only the 2 x MSL timer may end TIME-WAIT (MUST-13)."),
        };

        /// <summary>True when the cell is listed with this kind of difference.</summary>
        public static bool Contains(TcpState state, TcpEvent evt, DifferenceKind kind)
        {
            foreach (var difference in All)
            {
                if (difference.State == state && difference.Event == evt && difference.Kind == kind)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
