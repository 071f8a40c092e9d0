using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using TcpGen.Runtime.Engine;
using Xunit;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>
    /// Each RFC state has one test class (smoltcp style). This runs every fact of each class with a recorder on the
    /// harness and checks that the class drives its state through every DSL event: a cell nobody scripts is a cell
    /// nobody checks.
    /// </summary>
    public sealed class StateTestCoverageTest
    {
        /// <summary>Each per-state class and the machine states it owns (SYN-RECEIVED is two machine states, MUST-11).</summary>
        public static TheoryData<string> Classes => new(StateClasses.Keys);

        private static readonly Dictionary<string, TcpState[]> StateClasses = new()
        {
            [nameof(ClosedTest)] = [TcpState.Closed],
            [nameof(ListenTest)] = [TcpState.Listen],
            [nameof(SynSentTest)] = [TcpState.SynSent],
            [nameof(SynReceivedTest)] = [TcpState.SynReceivedPassive, TcpState.SynReceivedActive],
            [nameof(EstablishedTest)] = [TcpState.Established],
            [nameof(FinWait1Test)] = [TcpState.FinWait1],
            [nameof(FinWait2Test)] = [TcpState.FinWait2],
            [nameof(CloseWaitTest)] = [TcpState.CloseWait],
            [nameof(ClosingTest)] = [TcpState.Closing],
            [nameof(LastAckTest)] = [TcpState.LastAck],
            [nameof(TimeWaitTest)] = [TcpState.TimeWait],
        };

        /// <summary>
        /// Cells the engine never steps, by construction, each with the code path that makes it so. Everything else must be
        /// driven by its state's class; a listed cell that a class does drive fails the test too, so the list cannot go stale.
        /// </summary>
        private static readonly Dictionary<(TcpState State, TcpEvent Event), string> Unreachable = BuildUnreachable();

        /// <summary>Builds <see cref="Unreachable"/>.</summary>
        private static Dictionary<(TcpState State, TcpEvent Event), string> BuildUnreachable()
        {
            var cells = new Dictionary<(TcpState State, TcpEvent Event), string>();
            void Add(string reason, TcpState[] states, params TcpEvent[] events)
            {
                foreach (TcpState state in states)
                {
                    foreach (TcpEvent evt in events)
                    {
                        cells.Add((state, evt), reason);
                    }
                }
            }

            TcpState[] connections =
            [
                TcpState.SynSent, TcpState.SynReceivedPassive, TcpState.SynReceivedActive, TcpState.Established, TcpState.FinWait1,
                TcpState.FinWait2, TcpState.CloseWait, TcpState.Closing, TcpState.LastAck, TcpState.TimeWait,
            ];
            TcpState[] synReceived = [TcpState.SynReceivedPassive, TcpState.SynReceivedActive];

            // User calls.
            Add("TcpEngine.Listen steps OPEN-PASSIVE only on a TCB found in _listeners (always a listener in LISTEN) or on a new TCB in CLOSED; connections are never in _listeners",
                connections, TcpEvent.OpenPassive);
            Add("TcpEngine.Connect steps OPEN-ACTIVE only on a TCB found in _connections or on a new TCB; a listener is only ever in _listeners, so an active OPEN makes a new TCB beside it",
                [TcpState.Listen], TcpEvent.OpenActive);

            // CLOSED: no TCB to receive a segment or run a timer.
            Add("a segment for no connection is stepped by TcpEngine._noConnection (Index -1), which ObserveTransition never reports (ClosedTest asserts the resets by output); DELETE-TCB takes every other TCB out of _connections (OnDeleted), so no segment reaches it",
                [TcpState.Closed], TcpEvent.RcvSyn, TcpEvent.RcvSynAck, TcpEvent.RcvAck, TcpEvent.RcvText, TcpEvent.RcvFin, TcpEvent.RcvRst, TcpEvent.RcvUnacceptable);
            Add("ClassifyWithoutConnection never yields it (and no segment reaches an observed TCB in CLOSED, see above)",
                [TcpState.Closed], TcpEvent.RcvAckOfFin, TcpEvent.RcvBadAck, TcpEvent.RcvRstInWindow, TcpEvent.RcvRstStray);
            Add("DELETE-TCB cancels every timer (StopAllTimers) and a new TCB leaves CLOSED in the call that made it, before any timer is armed",
                [TcpState.Closed], TcpEvent.RetransmitTimeout, TcpEvent.UserTimeout, TcpEvent.TimeWaitTimeout, TcpEvent.FinWait2Timeout, TcpEvent.KeepaliveTimeout);

            // LISTEN: ClassifyAtListener, and a listener sends nothing.
            Add("ClassifyAtListener makes any segment with ACK RCV-SYN-ACK or RCV-BAD-ACK (RFC 9293 3.10.7.2: any acknowledgment is bad in LISTEN)",
                [TcpState.Listen], TcpEvent.RcvAck, TcpEvent.RcvAckOfFin);
            Add("ClassifyAtListener makes every RST RCV-RST (a listener has no window to judge it by)",
                [TcpState.Listen], TcpEvent.RcvRstInWindow, TcpEvent.RcvRstStray);
            Add("TryWriteSegment sends nothing in LISTEN, so AfterSend never arms the retransmission timer",
                [TcpState.Listen], TcpEvent.RetransmitTimeout, TcpEvent.UserTimeout);

            // Timers that belong to other states.
            Add("_timeWaitTimer is armed only by START-TIME-WAIT-TIMER, whose rules all end in TIME-WAIT, which is left only through DELETE-TCB (StopAllTimers)",
                [TcpState.Listen, .. connections.Where(s => s != TcpState.TimeWait)], TcpEvent.TimeWaitTimeout);
            Add("_finWait2Timer is armed only by OnOrphaned in FIN-WAIT-2, which is left only through START-TIME-WAIT-TIMER or DELETE-TCB, both of which stop it",
                [TcpState.Listen, .. connections.Where(s => s != TcpState.FinWait2)], TcpEvent.FinWait2Timeout);
            Add("OnKeepAliveTimer steps KEEPALIVE-TIMEOUT only in IsKeepAliveState (ESTABLISHED, CLOSE-WAIT, FIN-WAIT-2); elsewhere it re-arms, and the KeepAlive setter arms it only in those states",
                [TcpState.Listen, .. connections.Where(s => s is not (TcpState.Established or TcpState.CloseWait or TcpState.FinWait2))], TcpEvent.KeepaliveTimeout);
            Add("START-FIN-WAIT-2-TIMER stops the retransmission timer, and in FIN-WAIT-2 everything up to our FIN is acknowledged (SND.UNA = SND.MAX, empty send buffer), so neither WriteData nor AcceptAck re-arms it",
                [TcpState.FinWait2], TcpEvent.RetransmitTimeout, TcpEvent.UserTimeout);
            Add("START-TIME-WAIT-TIMER stops every timer, and in TIME-WAIT everything up to our FIN is acknowledged and ACCEPT-ACK never runs, so the retransmission timer is never re-armed",
                [TcpState.TimeWait], TcpEvent.RetransmitTimeout, TcpEvent.UserTimeout);

            // MAY-2: a new incarnation is recognised only where it can reopen something.
            Add("ProcessInSynchronized classifies a SYN above RCV.NXT as RCV-SYN-NEW-INCARNATION only in TIME-WAIT (RFC 9293 3.6.1, RFC 6191); CLOSED, LISTEN and SYN-SENT classify before it, elsewhere a SYN is RCV-SYN",
                [TcpState.Closed, TcpState.Listen, .. connections.Where(s => s != TcpState.TimeWait)], TcpEvent.RcvSynNewIncarnation);

            // Segment classification before and around the handshake.
            Add("ProcessInSynSent makes every RST RCV-RST or RCV-RST-STRAY (RFC 9293 3.10.7.3: a RST is judged by its ACK in SYN-SENT)",
                [TcpState.SynSent], TcpEvent.RcvRstInWindow);
            Add("ProcessInSynSent makes an ACK without SYN RCV-ACK (or RCV-BAD-ACK); no FIN can be queued in SYN-SENT, since CLOSE there deletes the TCB",
                [TcpState.SynSent], TcpEvent.RcvAckOfFin);
            Add("no FIN is queued in SYN-RECEIVED (CLOSE moves to FIN-WAIT-1 at once), so AcknowledgesFin is false there",
                synReceived, TcpEvent.RcvAckOfFin);
            Add("ProcessInSynchronized reaches the text and FIN checks only after an acceptable ACK, and every SYN-RECEIVED ACK cell moves to ESTABLISHED first; a segment without ACK is dropped before them (RFC 9293 3.10.7.4 fifth check)",
                synReceived, TcpEvent.RcvText, TcpEvent.RcvFin);
            Add("no FIN is queued in ESTABLISHED (CLOSE moves to FIN-WAIT-1 at once), so AcknowledgesFin is false there",
                [TcpState.Established], TcpEvent.RcvAckOfFin);
            Add("no FIN is queued in CLOSE-WAIT (CLOSE moves to LAST-ACK at once), so AcknowledgesFin is false there",
                [TcpState.CloseWait], TcpEvent.RcvAckOfFin);
            return cells;
        }

        [Theory]
        [MemberData(nameof(Classes))]
        public async Task PerStateClassShouldDriveItsStateThroughEveryEvent(string className)
        {
            Type type = typeof(StateTestCoverageTest).Assembly.GetType(typeof(StateTestCoverageTest).Namespace + "." + className)!;
            var cells = new HashSet<(TcpState State, TcpEvent Event)>();
            EngineHarness.CellRecorder.Value = cells;
            try
            {
                foreach (MethodInfo method in type.GetMethods().Where(m => m.GetCustomAttribute<FactAttribute>() is { Skip: null } && m.GetParameters().Length == 0))
                {
                    object instance = Activator.CreateInstance(type)!;
                    try
                    {
                        if (method.Invoke(instance, null) is Task task)
                        {
                            await task;
                        }
                    }
                    finally
                    {
                        (instance as IDisposable)?.Dispose();
                    }
                }
            }
            finally
            {
                EngineHarness.CellRecorder.Value = null;
            }

            var missing = new List<string>();
            var driven = new List<string>();
            foreach (TcpState state in StateClasses[className])
            {
                foreach (TcpEvent evt in Enum.GetValues<TcpEvent>())
                {
                    bool unreachable = Unreachable.ContainsKey((state, evt));
                    if (!unreachable && !cells.Contains((state, evt)))
                    {
                        missing.Add($"{TcpTransitions.StateName(state)} × {TcpTransitions.EventName(evt)}");
                    }
                    else if (unreachable && cells.Contains((state, evt)))
                    {
                        driven.Add($"{TcpTransitions.StateName(state)} × {TcpTransitions.EventName(evt)}");
                    }
                }
            }

            Assert.True(missing.Count == 0, $"{className} never drives: {string.Join(", ", missing)}");
            Assert.True(driven.Count == 0, $"{className} drives cells listed as unreachable (fix the list): {string.Join(", ", driven)}");
        }
    }
}
