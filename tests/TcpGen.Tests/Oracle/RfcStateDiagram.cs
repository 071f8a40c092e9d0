using Stateless;
using TcpGen.Runtime;
using static TcpGen.Runtime.TcpEvent;
using static TcpGen.Runtime.TcpState;

namespace TcpGen.Tests.Oracle
{
    /// <summary>
    /// An independent reading of RFC 9293 (with the RFC 5961 mitigations that RFC 9293 section 3.10.7
    /// folds in) as a Stateless machine over the generated state and event enums. Written by hand from
    /// the RFC text, not from tcp-states.dsl, so the generated table can be checked cell by cell.
    /// Conventions: <c>Permit</c>/<c>PermitReentry</c> = the RFC names a state to enter;
    /// <c>InternalTransition</c> = stay and do something (send, queue, signal, return an error);
    /// <c>Ignore</c> = the RFC says drop/discard/ignore, or the event cannot mean anything in that state.
    /// Where RFC 9293 is literal and the table knowingly departs, the oracle stays literal and the
    /// departure is listed in <see cref="KnownDifferences"/>.
    /// </summary>
    public static class RfcStateDiagram
    {
        /// <summary>Builds the oracle machine starting in <paramref name="initial"/>.</summary>
        public static StateMachine<TcpState, TcpEvent> Create(TcpState initial)
        {
            var machine = new StateMachine<TcpState, TcpEvent>(initial);

            // CLOSED: the fictional state with no TCB (RFC 9293 §3.3.2).
            machine.Configure(Closed)
                .Permit(OpenPassive, Listen)                 // §3.10.1: passive OPEN creates a TCB and enters LISTEN
                .Permit(OpenActive, SynSent)                 // §3.10.1: active OPEN sends <SEQ=ISS><CTL=SYN>, enters SYN-SENT
                .InternalTransition(Send, StayAndAct)        // §3.10.2: "error: connection does not exist"
                .InternalTransition(Close, StayAndAct)       // §3.10.4: "error: connection does not exist"
                .InternalTransition(Abort, StayAndAct)       // §3.10.5: "error: connection does not exist"
                .InternalTransition(RcvSyn, StayAndAct)      // §3.10.7.1: a segment without RST draws a RST
                .InternalTransition(RcvSynNewIncarnation, StayAndAct) // §3.10.7.1: still a segment without RST: draws a RST
                .InternalTransition(RcvSynAck, StayAndAct)   // §3.10.7.1: draws <SEQ=SEG.ACK><CTL=RST>
                .InternalTransition(RcvAck, StayAndAct)      // §3.10.7.1: draws <SEQ=SEG.ACK><CTL=RST>
                .InternalTransition(RcvAckOfFin, StayAndAct) // §3.10.7.1: draws <SEQ=SEG.ACK><CTL=RST>
                .InternalTransition(RcvBadAck, StayAndAct)   // §3.10.7.1: draws <SEQ=SEG.ACK><CTL=RST>
                .InternalTransition(RcvText, StayAndAct)     // §3.10.7.1: data is discarded, the segment draws a RST
                .InternalTransition(RcvFin, StayAndAct)      // §3.10.7.1: draws a RST
                .Ignore(RcvRst)                              // §3.10.7.1: "An incoming segment containing a RST is discarded"
                .Ignore(RcvRstInWindow)                      // §3.10.7.1: a RST is discarded
                .Ignore(RcvRstStray)                         // §3.10.7.1 and §3.5.2 group 1: never answer a RST
                .InternalTransition(RcvUnacceptable, StayAndAct) // §3.10.7.1, §3.5.2 group 1: any non-RST segment draws a RST
                .Ignore(RetransmitTimeout)                   // §3.10.8: no TCB, so no retransmission queue
                .Ignore(UserTimeout)                         // §3.10.8: no TCB to delete
                .Ignore(TimeWaitTimeout)                     // §3.10.8: no TCB to delete
                .Ignore(FinWait2Timeout)                     // not an RFC 9293 timer; nothing to time out without a TCB
                .Ignore(KeepaliveTimeout);                   // §3.8.4: keep-alives exist only on connections

            // LISTEN (RFC 9293 §3.10.7.2).
            machine.Configure(Listen)
                .InternalTransition(OpenPassive, StayAndAct) // §3.10.1: the TCB exists: "error: connection already exists"
                .Permit(OpenActive, SynSent)                 // §3.10.1 LISTEN: change passive to active, send SYN, enter SYN-SENT
                .InternalTransition(Send, StayAndAct)        // §3.10.2 LISTEN: OPEN-PASSIVE has no remote socket: "error: remote socket unspecified"
                .Permit(Close, Closed)                       // §3.10.4 LISTEN: delete TCB, enter CLOSED
                .Permit(Abort, Closed)                       // §3.10.5 LISTEN: delete TCB, enter CLOSED
                .Permit(RcvSyn, SynReceivedPassive)          // §3.10.7.2 third: RCV.NXT = SEG.SEQ+1, send SYN,ACK, enter SYN-RECEIVED (MUST-11: passive)
                .Permit(RcvSynNewIncarnation, SynReceivedPassive) // §3.10.7.2 third: a SYN is a SYN in LISTEN, whatever its sequence number
                .InternalTransition(RcvSynAck, StayAndAct)   // §3.10.7.2 second: any ACK is bad in LISTEN: <SEQ=SEG.ACK><CTL=RST>
                .InternalTransition(RcvAck, StayAndAct)      // §3.10.7.2 second: <SEQ=SEG.ACK><CTL=RST>
                .InternalTransition(RcvAckOfFin, StayAndAct) // §3.10.7.2 second: <SEQ=SEG.ACK><CTL=RST>
                .InternalTransition(RcvBadAck, StayAndAct)   // §3.10.7.2 second: <SEQ=SEG.ACK><CTL=RST>
                .Ignore(RcvText)                             // §3.10.7.2 fourth: "Drop the segment and return"
                .Ignore(RcvFin)                              // §3.10.7.4 eighth: do not process the FIN in LISTEN; drop
                .Ignore(RcvRst)                              // §3.10.7.2 first: "An incoming RST should be ignored"
                .Ignore(RcvRstInWindow)                      // §3.10.7.2 first: RST ignored
                .Ignore(RcvRstStray)                         // §3.10.7.2 first: RST ignored
                .Ignore(RcvUnacceptable)                     // §3.10.7.2 fourth: no window to test in LISTEN; drop
                .Ignore(RetransmitTimeout)                   // §3.10.8: nothing is on the retransmission queue in LISTEN
                .Permit(UserTimeout, Closed)                 // §3.10.8 USER TIMEOUT: "For any state ... delete the TCB, enter the CLOSED state"
                .Ignore(TimeWaitTimeout)                     // §3.10.8: the 2 MSL timer runs only in TIME-WAIT
                .Ignore(FinWait2Timeout)                     // not an RFC 9293 timer
                .Ignore(KeepaliveTimeout);                   // §3.8.4: keep-alives probe an idle connection; LISTEN has none

            // SYN-SENT (RFC 9293 §3.10.7.3).
            machine.Configure(SynSent)
                .InternalTransition(OpenPassive, StayAndAct) // §3.10.1: "error: connection already exists"
                .InternalTransition(OpenActive, StayAndAct)  // §3.10.1: "error: connection already exists"
                .InternalTransition(Send, StayAndAct)        // §3.10.2 SYN-SENT: queue the data until ESTABLISHED
                .Permit(Close, Closed)                       // §3.10.4 SYN-SENT: delete the TCB
                .Permit(Abort, Closed)                       // §3.10.5 SYN-SENT: delete the TCB, enter CLOSED
                .Permit(RcvSyn, SynReceivedActive)           // §3.10.7.3 fourth: SYN without ACK: send SYN,ACK, enter SYN-RECEIVED (MUST-10, MUST-11: active)
                .Permit(RcvSynNewIncarnation, SynReceivedActive) // §3.10.7.3 fourth: any SYN without ACK: simultaneous open
                .Permit(RcvSynAck, Established)              // §3.10.7.3 fourth: SND.UNA > ISS: enter ESTABLISHED, send ACK
                .Ignore(RcvAck)                              // §3.10.7.3 fifth: "neither of the SYN or RST bits is set, then drop the segment"
                .Ignore(RcvAckOfFin)                         // §3.10.7.3 fifth: no SYN, no RST: drop
                .InternalTransition(RcvBadAck, StayAndAct)   // §3.10.7.3 first: SEG.ACK =< ISS or > SND.NXT: send <SEQ=SEG.ACK><CTL=RST>
                .Ignore(RcvText)                             // §3.10.7.3 fifth: drop
                .Ignore(RcvFin)                              // §3.10.7.4 eighth: do not process the FIN in SYN-SENT; drop
                .Permit(RcvRst, Closed)                      // §3.10.7.3 second: ACK acceptable: "connection reset", enter CLOSED
                .Ignore(RcvRstInWindow)                      // RFC 5961 §3.2: in SYN-SENT any other RST is silently discarded
                .Ignore(RcvRstStray)                         // §3.10.7.3 second: "Otherwise (no ACK), drop the segment"
                .Ignore(RcvUnacceptable)                     // §3.10.7.3 fifth: SYN-SENT has no sequence test; drop
                .InternalTransition(RetransmitTimeout, StayAndAct) // §3.10.8: retransmit the SYN (MUST-22)
                .Permit(UserTimeout, Closed)                 // §3.10.8: delete the TCB, enter CLOSED (MUST-20, MUST-23)
                .Ignore(TimeWaitTimeout)                     // §3.10.8: the 2 MSL timer runs only in TIME-WAIT
                .Ignore(FinWait2Timeout)                     // not an RFC 9293 timer
                .Ignore(KeepaliveTimeout);                   // §3.8.4: keep-alives are for an idle open connection

            // SYN-RECEIVED after a passive OPEN (came from LISTEN, MUST-11).
            machine.Configure(SynReceivedPassive)
                .InternalTransition(OpenPassive, StayAndAct) // §3.10.1: "error: connection already exists"
                .InternalTransition(OpenActive, StayAndAct)  // §3.10.1: "error: connection already exists"
                .InternalTransition(Send, StayAndAct)        // §3.10.2 SYN-RECEIVED: queue the data until ESTABLISHED
                .Permit(Close, FinWait1)                     // §3.10.4 SYN-RECEIVED: send a FIN, enter FIN-WAIT-1
                .Permit(Abort, Closed)                       // §3.10.5 SYN-RECEIVED: send <SEQ=SND.NXT><CTL=RST>, enter CLOSED
                .Permit(RcvSyn, Listen)                      // §3.10.7.4 fourth: passive OPEN: "return this connection to the LISTEN state"
                .Permit(RcvSynNewIncarnation, Listen)        // §3.10.7.4 fourth: passive OPEN: return to LISTEN, as for any SYN
                .Permit(RcvSynAck, Listen)                   // §3.10.7.4 fourth: the SYN bit is checked before the ACK: back to LISTEN
                .Permit(RcvAck, Established)                 // §3.10.7.4 fifth: SND.UNA < SEG.ACK =< SND.NXT: enter ESTABLISHED
                .Permit(RcvAckOfFin, Established)            // §3.10.7.4 fifth: an acceptable ACK: enter ESTABLISHED
                .InternalTransition(RcvBadAck, StayAndAct)   // §3.10.7.4 fifth: ACK not acceptable: send <SEQ=SEG.ACK><CTL=RST>
                .Ignore(RcvText)                             // §3.10.7.4 fifth: text without an acceptable ACK: "drop the segment and return"
                .Permit(RcvFin, CloseWait)                   // §3.10.7.4 eighth: SYN-RECEIVED: "Enter the CLOSE-WAIT state"
                .Permit(RcvRst, Listen)                      // §3.10.7.4 second, §3.5.3, Figure 5 note 1: passive: return to LISTEN
                .InternalTransition(RcvRstInWindow, StayAndAct) // §3.10.7.4 second (3), RFC 5961 §3.2: challenge ACK
                .Ignore(RcvRstStray)                         // §3.10.7.4 second (1): out of window: silently drop
                .InternalTransition(RcvUnacceptable, StayAndAct) // §3.10.7.4 first: send <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>
                .InternalTransition(RetransmitTimeout, StayAndAct) // §3.10.8: retransmit the SYN,ACK
                .Permit(UserTimeout, Closed)                 // §3.10.8: "For any state ... enter the CLOSED state"
                .Ignore(TimeWaitTimeout)                     // §3.10.8: the 2 MSL timer runs only in TIME-WAIT
                .Ignore(FinWait2Timeout)                     // not an RFC 9293 timer
                .Ignore(KeepaliveTimeout);                   // §3.8.4: keep-alives are for an idle open connection

            // SYN-RECEIVED after a simultaneous open (came from SYN-SENT, MUST-11).
            machine.Configure(SynReceivedActive)
                .InternalTransition(OpenPassive, StayAndAct) // §3.10.1: "error: connection already exists"
                .InternalTransition(OpenActive, StayAndAct)  // §3.10.1: "error: connection already exists"
                .InternalTransition(Send, StayAndAct)        // §3.10.2 SYN-RECEIVED: queue the data until ESTABLISHED
                .Permit(Close, FinWait1)                     // §3.10.4 SYN-RECEIVED: send a FIN, enter FIN-WAIT-1
                .Permit(Abort, Closed)                       // §3.10.5 SYN-RECEIVED: send <SEQ=SND.NXT><CTL=RST>, enter CLOSED
                .InternalTransition(RcvSyn, StayAndAct)      // §3.10.7.4 fourth: active: as synchronized states: challenge ACK (RFC 5961 §4.2)
                .InternalTransition(RcvSynNewIncarnation, StayAndAct) // §3.10.7.4 fourth, RFC 5961 §4.2: challenge ACK
                .Permit(RcvSynAck, Established)              // §3.5 Figure 7 line 6: the peer's SYN,ACK completes a simultaneous open
                .Permit(RcvAck, Established)                 // §3.10.7.4 fifth: SND.UNA < SEG.ACK =< SND.NXT: enter ESTABLISHED
                .Permit(RcvAckOfFin, Established)            // §3.10.7.4 fifth: an acceptable ACK: enter ESTABLISHED
                .InternalTransition(RcvBadAck, StayAndAct)   // §3.10.7.4 fifth: ACK not acceptable: send <SEQ=SEG.ACK><CTL=RST>
                .Ignore(RcvText)                             // §3.10.7.4 fifth: text without an acceptable ACK: drop
                .Permit(RcvFin, CloseWait)                   // §3.10.7.4 eighth: SYN-RECEIVED: "Enter the CLOSE-WAIT state"
                .Permit(RcvRst, Closed)                      // §3.10.7.4 second: active: "connection refused", enter CLOSED
                .InternalTransition(RcvRstInWindow, StayAndAct) // §3.10.7.4 second (3), RFC 5961 §3.2: challenge ACK
                .Ignore(RcvRstStray)                         // §3.10.7.4 second (1): out of window: silently drop
                .InternalTransition(RcvUnacceptable, StayAndAct) // §3.10.7.4 first: send <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>
                .InternalTransition(RetransmitTimeout, StayAndAct) // §3.10.8: retransmit the SYN,ACK
                .Permit(UserTimeout, Closed)                 // §3.10.8: delete the TCB, enter CLOSED
                .Ignore(TimeWaitTimeout)                     // §3.10.8: the 2 MSL timer runs only in TIME-WAIT
                .Ignore(FinWait2Timeout)                     // not an RFC 9293 timer
                .Ignore(KeepaliveTimeout);                   // §3.8.4: keep-alives are for an idle open connection

            // ESTABLISHED.
            machine.Configure(Established)
                .InternalTransition(OpenPassive, StayAndAct) // §3.10.1: "error: connection already exists"
                .InternalTransition(OpenActive, StayAndAct)  // §3.10.1: "error: connection already exists"
                .InternalTransition(Send, StayAndAct)        // §3.10.2 ESTABLISHED: segmentize and send
                .Permit(Close, FinWait1)                     // §3.10.4 ESTABLISHED: queue a FIN, "In any case, enter FIN-WAIT-1"
                .Permit(Abort, Closed)                       // §3.10.5: send RST, delete the TCB, enter CLOSED
                .InternalTransition(RcvSyn, StayAndAct)      // §3.10.7.4 fourth, RFC 5961 §4.2: challenge ACK
                .InternalTransition(RcvSynNewIncarnation, StayAndAct) // §3.10.7.4 fourth: only TIME-WAIT may reopen (§3.6.1); challenge ACK
                .InternalTransition(RcvSynAck, StayAndAct)   // §3.10.7.4 fourth: any SYN in a synchronized state: challenge ACK
                .InternalTransition(RcvAck, StayAndAct)      // §3.10.7.4 fifth ESTABLISHED: advance SND.UNA, update the window
                .InternalTransition(RcvAckOfFin, StayAndAct) // §3.10.7.4 fifth ESTABLISHED: no FIN of ours yet; plain ACK processing
                .InternalTransition(RcvBadAck, StayAndAct)   // §3.10.7.4 fifth, RFC 5961 §5.2: discard and send an ACK
                .InternalTransition(RcvText, StayAndAct)     // §3.10.7.4 seventh: deliver the text, acknowledge it
                .Permit(RcvFin, CloseWait)                   // §3.10.7.4 eighth: ACK the FIN, enter CLOSE-WAIT
                .Permit(RcvRst, Closed)                      // §3.10.7.4 second: "connection reset", enter CLOSED (MUST-12)
                .InternalTransition(RcvRstInWindow, StayAndAct) // §3.10.7.4 second (3), RFC 5961 §3.2: challenge ACK
                .Ignore(RcvRstStray)                         // §3.10.7.4 second (1): silently drop
                .InternalTransition(RcvUnacceptable, StayAndAct) // §3.10.7.4 first, §3.5.2 group 3: send an ACK
                .InternalTransition(RetransmitTimeout, StayAndAct) // §3.10.8: retransmit the front of the queue
                .Permit(UserTimeout, Closed)                 // §3.10.8: "connection aborted due to user timeout" (MUST-20)
                .Ignore(TimeWaitTimeout)                     // §3.10.8: the 2 MSL timer runs only in TIME-WAIT
                .Ignore(FinWait2Timeout)                     // not an RFC 9293 timer
                .Permit(KeepaliveTimeout, Closed);           // §3.8.4: an idle connection whose probes go unanswered is dead

            // FIN-WAIT-1: our FIN is sent, not yet acknowledged.
            machine.Configure(FinWait1)
                .InternalTransition(OpenPassive, StayAndAct) // §3.10.1: "error: connection already exists"
                .InternalTransition(OpenActive, StayAndAct)  // §3.10.1: "error: connection already exists"
                .InternalTransition(Send, StayAndAct)        // §3.10.2: "error: connection closing"
                .InternalTransition(Close, StayAndAct)       // §3.10.4 FIN-WAIT-1: "error: connection closing"
                .Permit(Abort, Closed)                       // §3.10.5 FIN-WAIT-1: send RST, enter CLOSED
                .InternalTransition(RcvSyn, StayAndAct)      // §3.10.7.4 fourth, RFC 5961 §4.2: challenge ACK
                .InternalTransition(RcvSynNewIncarnation, StayAndAct) // §3.10.7.4 fourth: only TIME-WAIT may reopen (§3.6.1); challenge ACK
                .InternalTransition(RcvSynAck, StayAndAct)   // §3.10.7.4 fourth: challenge ACK
                .InternalTransition(RcvAck, StayAndAct)      // §3.10.7.4 fifth: ESTABLISHED processing; FIN still unacknowledged
                .Permit(RcvAckOfFin, FinWait2)               // §3.10.7.4 fifth FIN-WAIT-1: "if the FIN segment is now acknowledged, then enter FIN-WAIT-2"
                .InternalTransition(RcvBadAck, StayAndAct)   // §3.10.7.4 fifth, RFC 5961 §5.2: discard and send an ACK
                .InternalTransition(RcvText, StayAndAct)     // §3.10.7.4 seventh FIN-WAIT-1: deliver the text
                .Permit(RcvFin, Closing)                     // §3.10.7.4 eighth: FIN not yet ACKed (an ACK of it comes first as its own event): CLOSING
                .Permit(RcvRst, Closed)                      // §3.10.7.4 second: "connection reset", enter CLOSED
                .InternalTransition(RcvRstInWindow, StayAndAct) // RFC 5961 §3.2: challenge ACK
                .Ignore(RcvRstStray)                         // §3.10.7.4 second (1): silently drop
                .InternalTransition(RcvUnacceptable, StayAndAct) // §3.10.7.4 first: send an ACK
                .InternalTransition(RetransmitTimeout, StayAndAct) // §3.10.8: retransmit (our FIN is on the queue)
                .Permit(UserTimeout, Closed)                 // §3.10.8: delete the TCB, enter CLOSED
                .Ignore(TimeWaitTimeout)                     // §3.10.8: the 2 MSL timer runs only in TIME-WAIT
                .Ignore(FinWait2Timeout)                     // not an RFC 9293 timer
                .Ignore(KeepaliveTimeout);                   // §3.8.4 (MUST-26): not idle: our FIN is outstanding

            // FIN-WAIT-2: our FIN is acknowledged; waiting for the peer's.
            machine.Configure(FinWait2)
                .InternalTransition(OpenPassive, StayAndAct) // §3.10.1: "error: connection already exists"
                .InternalTransition(OpenActive, StayAndAct)  // §3.10.1: "error: connection already exists"
                .InternalTransition(Send, StayAndAct)        // §3.10.2: "error: connection closing"
                .InternalTransition(Close, StayAndAct)       // §3.10.4 FIN-WAIT-2: "error: connection closing"
                .Permit(Abort, Closed)                       // §3.10.5 FIN-WAIT-2: send RST, enter CLOSED
                .InternalTransition(RcvSyn, StayAndAct)      // §3.10.7.4 fourth, RFC 5961 §4.2: challenge ACK
                .InternalTransition(RcvSynNewIncarnation, StayAndAct) // §3.10.7.4 fourth: only TIME-WAIT may reopen (§3.6.1); challenge ACK
                .InternalTransition(RcvSynAck, StayAndAct)   // §3.10.7.4 fourth: challenge ACK
                .InternalTransition(RcvAck, StayAndAct)      // §3.10.7.4 fifth FIN-WAIT-2: ESTABLISHED processing (window update)
                .InternalTransition(RcvAckOfFin, StayAndAct) // §3.10.7.4 fifth FIN-WAIT-2: ESTABLISHED processing; CLOSE may be acknowledged
                .InternalTransition(RcvBadAck, StayAndAct)   // §3.10.7.4 fifth, RFC 5961 §5.2: discard and send an ACK
                .InternalTransition(RcvText, StayAndAct)     // §3.10.7.4 seventh FIN-WAIT-2: deliver the text
                .Permit(RcvFin, TimeWait)                    // §3.10.7.4 eighth FIN-WAIT-2: "Enter the TIME-WAIT state"
                .Permit(RcvRst, Closed)                      // §3.10.7.4 second: "connection reset", enter CLOSED
                .InternalTransition(RcvRstInWindow, StayAndAct) // RFC 5961 §3.2: challenge ACK
                .Ignore(RcvRstStray)                         // §3.10.7.4 second (1): silently drop
                .InternalTransition(RcvUnacceptable, StayAndAct) // §3.10.7.4 first: send an ACK
                .Ignore(RetransmitTimeout)                   // §3.10.8: our FIN is acknowledged, the retransmission queue is empty
                .Permit(UserTimeout, Closed)                 // §3.10.8: "For any state ... enter the CLOSED state"
                .Ignore(TimeWaitTimeout)                     // §3.10.8: the 2 MSL timer runs only in TIME-WAIT
                .Ignore(FinWait2Timeout)                     // not an RFC 9293 timer: RFC 9293 lets FIN-WAIT-2 wait for the peer
                .Permit(KeepaliveTimeout, Closed);           // §3.8.4: idle (nothing outstanding) and the peer does not answer

            // CLOSE-WAIT: the peer's FIN arrived; we may still send.
            machine.Configure(CloseWait)
                .InternalTransition(OpenPassive, StayAndAct) // §3.10.1: "error: connection already exists"
                .InternalTransition(OpenActive, StayAndAct)  // §3.10.1: "error: connection already exists"
                .InternalTransition(Send, StayAndAct)        // §3.10.2 CLOSE-WAIT: segmentize and send (half-close)
                .Permit(Close, LastAck)                      // §3.10.4 CLOSE-WAIT: send a FIN, enter LAST-ACK
                .Permit(Abort, Closed)                       // §3.10.5 CLOSE-WAIT: send RST, enter CLOSED
                .InternalTransition(RcvSyn, StayAndAct)      // §3.10.7.4 fourth, RFC 5961 §4.2: challenge ACK
                .InternalTransition(RcvSynNewIncarnation, StayAndAct) // §3.10.7.4 fourth: only TIME-WAIT may reopen (§3.6.1); challenge ACK
                .InternalTransition(RcvSynAck, StayAndAct)   // §3.10.7.4 fourth: challenge ACK
                .InternalTransition(RcvAck, StayAndAct)      // §3.10.7.4 fifth CLOSE-WAIT: "same processing as for the ESTABLISHED state"
                .InternalTransition(RcvAckOfFin, StayAndAct) // §3.10.7.4 fifth CLOSE-WAIT: ESTABLISHED processing (no FIN of ours yet)
                .InternalTransition(RcvBadAck, StayAndAct)   // §3.10.7.4 fifth, RFC 5961 §5.2: discard and send an ACK
                .Ignore(RcvText)                             // §3.10.7.4 seventh CLOSE-WAIT: "Ignore the segment text"
                .InternalTransition(RcvFin, StayAndAct)      // §3.10.7.4 eighth: acknowledge the FIN, "Remain in the CLOSE-WAIT state"
                .Permit(RcvRst, Closed)                      // §3.10.7.4 second: "connection reset", enter CLOSED
                .InternalTransition(RcvRstInWindow, StayAndAct) // RFC 5961 §3.2: challenge ACK
                .Ignore(RcvRstStray)                         // §3.10.7.4 second (1): silently drop
                .InternalTransition(RcvUnacceptable, StayAndAct) // §3.10.7.4 first: send an ACK
                .InternalTransition(RetransmitTimeout, StayAndAct) // §3.10.8: retransmit data sent in CLOSE-WAIT
                .Permit(UserTimeout, Closed)                 // §3.10.8: delete the TCB, enter CLOSED
                .Ignore(TimeWaitTimeout)                     // §3.10.8: the 2 MSL timer runs only in TIME-WAIT
                .Ignore(FinWait2Timeout)                     // not an RFC 9293 timer
                .Permit(KeepaliveTimeout, Closed);           // §3.8.4: an idle connection whose probes go unanswered is dead

            // CLOSING: both sides closed at once; waiting for the ACK of our FIN.
            machine.Configure(Closing)
                .InternalTransition(OpenPassive, StayAndAct) // §3.10.1: "error: connection already exists"
                .InternalTransition(OpenActive, StayAndAct)  // §3.10.1: "error: connection already exists"
                .InternalTransition(Send, StayAndAct)        // §3.10.2: "error: connection closing"
                .InternalTransition(Close, StayAndAct)       // §3.10.4 CLOSING: "error: connection closing"
                .Permit(Abort, Closed)                       // §3.10.5 CLOSING: respond "ok", delete the TCB, enter CLOSED
                .InternalTransition(RcvSyn, StayAndAct)      // §3.10.7.4 fourth, RFC 5961 §4.2: challenge ACK
                .InternalTransition(RcvSynNewIncarnation, StayAndAct) // §3.10.7.4 fourth: only TIME-WAIT may reopen (§3.6.1); challenge ACK
                .InternalTransition(RcvSynAck, StayAndAct)   // §3.10.7.4 fourth: challenge ACK
                .InternalTransition(RcvAck, StayAndAct)      // §3.10.7.4 fifth CLOSING: "In addition to the processing for the ESTABLISHED state"
                .Permit(RcvAckOfFin, TimeWait)               // §3.10.7.4 fifth CLOSING: "if the ACK acknowledges our FIN, then enter the TIME-WAIT state"
                .InternalTransition(RcvBadAck, StayAndAct)   // §3.10.7.4 fifth, RFC 5961 §5.2: discard and send an ACK
                .Ignore(RcvText)                             // §3.10.7.4 seventh CLOSING: "Ignore the segment text"
                .InternalTransition(RcvFin, StayAndAct)      // §3.10.7.4 eighth: acknowledge the FIN, "Remain in the CLOSING state"
                .Permit(RcvRst, Closed)                      // §3.10.7.4 second CLOSING: "enter the CLOSED state, delete the TCB"
                .InternalTransition(RcvRstInWindow, StayAndAct) // RFC 5961 §3.2: challenge ACK
                .Ignore(RcvRstStray)                         // §3.10.7.4 second (1): silently drop
                .InternalTransition(RcvUnacceptable, StayAndAct) // §3.10.7.4 first: send an ACK
                .InternalTransition(RetransmitTimeout, StayAndAct) // §3.10.8: retransmit our FIN
                .Permit(UserTimeout, Closed)                 // §3.10.8: delete the TCB, enter CLOSED
                .Ignore(TimeWaitTimeout)                     // §3.10.8: the 2 MSL timer runs only in TIME-WAIT
                .Ignore(FinWait2Timeout)                     // not an RFC 9293 timer
                .Ignore(KeepaliveTimeout);                   // §3.8.4 (MUST-26): not idle: our FIN is outstanding

            // LAST-ACK: the peer closed first and our FIN is sent.
            machine.Configure(LastAck)
                .InternalTransition(OpenPassive, StayAndAct) // §3.10.1: "error: connection already exists"
                .InternalTransition(OpenActive, StayAndAct)  // §3.10.1: "error: connection already exists"
                .InternalTransition(Send, StayAndAct)        // §3.10.2: "error: connection closing"
                .InternalTransition(Close, StayAndAct)       // §3.10.4 LAST-ACK: "error: connection closing"
                .Permit(Abort, Closed)                       // §3.10.5 LAST-ACK: respond "ok", delete the TCB, enter CLOSED
                .InternalTransition(RcvSyn, StayAndAct)      // §3.10.7.4 fourth, RFC 5961 §4.2: challenge ACK
                .InternalTransition(RcvSynNewIncarnation, StayAndAct) // §3.10.7.4 fourth: only TIME-WAIT may reopen (§3.6.1); challenge ACK
                .InternalTransition(RcvSynAck, StayAndAct)   // §3.10.7.4 fourth: challenge ACK
                .InternalTransition(RcvAck, StayAndAct)      // §3.10.7.4 fifth: acknowledges data sent in CLOSE-WAIT ahead of our FIN
                .Permit(RcvAckOfFin, Closed)                 // §3.10.7.4 fifth LAST-ACK: "If our FIN is now acknowledged, delete the TCB, enter the CLOSED state"
                .InternalTransition(RcvBadAck, StayAndAct)   // §3.10.7.4 fifth, RFC 5961 §5.2: discard and send an ACK
                .Ignore(RcvText)                             // §3.10.7.4 seventh LAST-ACK: "Ignore the segment text"
                .InternalTransition(RcvFin, StayAndAct)      // §3.10.7.4 eighth: acknowledge the FIN, "Remain in the LAST-ACK state"
                .Permit(RcvRst, Closed)                      // §3.10.7.4 second LAST-ACK: "enter the CLOSED state, delete the TCB"
                .InternalTransition(RcvRstInWindow, StayAndAct) // RFC 5961 §3.2: challenge ACK
                .Ignore(RcvRstStray)                         // §3.10.7.4 second (1): silently drop
                .InternalTransition(RcvUnacceptable, StayAndAct) // §3.10.7.4 first: send an ACK
                .InternalTransition(RetransmitTimeout, StayAndAct) // §3.10.8: retransmit our FIN
                .Permit(UserTimeout, Closed)                 // §3.10.8: delete the TCB, enter CLOSED
                .Ignore(TimeWaitTimeout)                     // §3.10.8: the 2 MSL timer runs only in TIME-WAIT
                .Ignore(FinWait2Timeout)                     // not an RFC 9293 timer
                .Ignore(KeepaliveTimeout);                   // §3.8.4 (MUST-26): not idle: our FIN is outstanding

            // TIME-WAIT: both FINs acknowledged; linger 2 x MSL (MUST-13).
            machine.Configure(TimeWait)
                .InternalTransition(OpenPassive, StayAndAct) // §3.10.1: "error: connection already exists"
                .InternalTransition(OpenActive, StayAndAct)  // §3.10.1: "error: connection already exists"
                .InternalTransition(Send, StayAndAct)        // §3.10.2: "error: connection closing"
                .InternalTransition(Close, StayAndAct)       // §3.10.4 TIME-WAIT: "error: connection closing"
                .Permit(Abort, Closed)                       // §3.10.5 TIME-WAIT: respond "ok", delete the TCB, enter CLOSED
                .InternalTransition(RcvSyn, StayAndAct)      // §3.10.7.4 fourth, RFC 5961 §4.2: challenge ACK (a SYN at or below RCV.NXT)
                .Permit(RcvSynNewIncarnation, Closed)        // §3.6.1 (MAY-2), RFC 6191: a SYN above RCV.NXT may reopen the connection: the old TCB goes, the SYN is a new request
                .InternalTransition(RcvSynAck, StayAndAct)   // §3.10.7.4 fourth: challenge ACK
                .Ignore(RcvAck)                              // §3.10.7.4 fifth TIME-WAIT: only the peer's FIN can arrive; a duplicate ACK "can be ignored"
                .Ignore(RcvAckOfFin)                         // §3.10.7.4 fifth TIME-WAIT: our FIN is already acknowledged; duplicate
                .InternalTransition(RcvBadAck, StayAndAct)   // §3.10.7.4 fifth, RFC 5961 §5.2: discard and send an ACK
                .Ignore(RcvText)                             // §3.10.7.4 seventh TIME-WAIT: "Ignore the segment text"
                .PermitReentry(RcvFin)                       // §3.10.7.4 eighth TIME-WAIT: acknowledge it, "Restart the 2 MSL time-wait timeout"
                .Permit(RcvRst, Closed)                      // §3.10.7.4 second TIME-WAIT: "enter the CLOSED state, delete the TCB" (literal; see RFC 1337)
                .InternalTransition(RcvRstInWindow, StayAndAct) // RFC 5961 §3.2: challenge ACK
                .Ignore(RcvRstStray)                         // §3.10.7.4 second (1): silently drop
                .InternalTransition(RcvUnacceptable, StayAndAct) // §3.10.7.4 first: send an ACK
                .Ignore(RetransmitTimeout)                   // §3.10.8: the retransmission queue is empty in TIME-WAIT
                .Permit(UserTimeout, Closed)                 // §3.10.8: "For any state ... enter the CLOSED state"
                .Permit(TimeWaitTimeout, Closed)             // §3.10.8 TIME-WAIT TIMEOUT: delete the TCB, enter CLOSED (MUST-13)
                .Ignore(FinWait2Timeout)                     // not an RFC 9293 timer
                .Ignore(KeepaliveTimeout);                   // §3.8.4: keep-alives probe open connections; TIME-WAIT only lingers

            return machine;
        }

        /// <summary>What the oracle does for one cell, read from Stateless's own reflection.</summary>
        public static OracleCell Describe(TcpState state, TcpEvent evt) => Cells[((int)state * TcpTransitions.EventCount) + (int)evt];

        // Every cell described once: Stateless's GetInfo() is slow and the tests ask often.
        private static readonly OracleCell[] Cells = DescribeAll();

        // Stands for any RFC action that keeps the state (send, queue, signal, return an error).
        private static void StayAndAct(StateMachine<TcpState, TcpEvent>.Transition transition)
        {
        }

        private static OracleCell[] DescribeAll()
        {
            var cells = new OracleCell[TcpTransitions.StateCount * TcpTransitions.EventCount];
            foreach (var stateInfo in Create(Closed).GetInfo().States)
            {
                var state = (TcpState)stateInfo.UnderlyingState;
                int row = (int)state * TcpTransitions.EventCount;
                foreach (var fixedTransition in stateInfo.FixedTransitions)
                {
                    var evt = (TcpEvent)fixedTransition.Trigger.UnderlyingTrigger;
                    var next = (TcpState)fixedTransition.DestinationState.UnderlyingState;
                    cells[row + (int)evt] = cells[row + (int)evt].Add(OracleCell.Acting(next));
                }

                foreach (var ignored in stateInfo.IgnoredTriggers)
                {
                    var evt = (TcpEvent)ignored.Trigger.UnderlyingTrigger;
                    cells[row + (int)evt] = cells[row + (int)evt].Add(OracleCell.Ignoring(state));
                }
            }

            return cells;
        }
    }
}
