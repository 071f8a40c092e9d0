# TcpGen: the TCP connection state machine of RFC 9293, section 3.3.2 and 3.10.
#
# This file is the single source of truth for every state change the runtime makes.
# `dotnet build` compiles it into a branch-free transition table (generator/); `tcpgen check`,
# `tcpgen table`, `tcpgen graph` and `tcpgen diff` read it too. The language is described in
# spec/README.md.
#
# Reading guide
# - Segment events are what the runtime's classifier makes of an arriving segment, in the order
#   of RFC 9293 section 3.10.7: sequence acceptability, RST, SYN, ACK, segment text, FIN. One segment
#   may yield several events (an ACK, then text, then a FIN); each goes through the table in turn.
# - Precedence: a rule that names a state beats a rule for a state group, which beats a '*' rule.
# - `-> stay` keeps the state and runs the actions; `ignore` does nothing at all.

machine Tcp

# ---------------------------------------------------------------------------------------------
# States. SYN-RECEIVED is kept as two machine states so the connection remembers whether it came
# from a passive or an active OPEN (MUST-11); both are reported to users as SYN-RECEIVED.
# ---------------------------------------------------------------------------------------------

/// No connection: the fictional state before OPEN and after the TCB is deleted.
state CLOSED initial
/// Waiting for a connection request from any remote TCP and port.
state LISTEN
/// Our SYN is sent; waiting for a matching SYN from the peer.
state SYN-SENT
/// A SYN arrived in LISTEN and our SYN,ACK is sent; waiting for the ACK of our SYN.
state SYN-RECEIVED-PASSIVE as SYN-RECEIVED
/// A SYN arrived in SYN-SENT (simultaneous open); waiting for the ACK of our SYN.
state SYN-RECEIVED-ACTIVE as SYN-RECEIVED
/// An open connection: data flows both ways.
state ESTABLISHED
/// We closed; our FIN is sent and not yet acknowledged.
state FIN-WAIT-1
/// Our FIN is acknowledged; waiting for the peer's FIN (the peer may still send data).
state FIN-WAIT-2
/// The peer's FIN arrived; waiting for the local user to CLOSE (half-close: we may still send).
state CLOSE-WAIT
/// Both sides closed at once: waiting for the ACK of our FIN.
state CLOSING
/// The peer closed first and we have sent our FIN: waiting for its ACK.
state LAST-ACK
/// Both FINs are acknowledged; waiting 2 x MSL so old duplicates die out before the 4-tuple is reused.
state TIME-WAIT

/// Both halves of SYN-RECEIVED.
group SYN-RECEIVED = SYN-RECEIVED-PASSIVE, SYN-RECEIVED-ACTIVE
/// The synchronized states after the handshake (RFC 9293 section 3.5.2).
group SYNCHRONIZED = ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2, CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT
/// States in which the local user has already called CLOSE.
group CLOSE-CALLED = FIN-WAIT-1, FIN-WAIT-2, CLOSING, LAST-ACK, TIME-WAIT
/// States that still accept segment text from the peer (no FIN received yet).
group RECEIVING = ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2
/// States whose peer has already sent its FIN.
group FIN-RECEIVED = CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT

# ---------------------------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------------------------

/// OPEN with no remote socket: wait for a connection (RFC 9293 section 3.10.1).
user event OPEN-PASSIVE
/// OPEN with a remote socket: send a SYN (RFC 9293 section 3.10.1).
user event OPEN-ACTIVE
/// SEND: queue user data for transmission (RFC 9293 section 3.10.2).
user event SEND
/// CLOSE: no more data from us; send a FIN after queued data (RFC 9293 section 3.10.4).
user event CLOSE
/// ABORT: drop everything and reset the peer (RFC 9293 section 3.10.5).
user event ABORT

/// A segment with SYN and no ACK; in a synchronized state any segment with SYN.
segment event RCV-SYN
/// A SYN without ACK in TIME-WAIT whose SEG.SEQ is above the old RCV.NXT: a new incarnation of the connection that may
/// reopen it (RFC 9293 section 3.6.1, MAY-2; RFC 6191). The runtime makes it only in TIME-WAIT; elsewhere it is a SYN.
segment event RCV-SYN-NEW-INCARNATION
/// A SYN,ACK whose ACK acknowledges our SYN (SND.UNA < SEG.ACK =< SND.NXT) in SYN-SENT or SYN-RECEIVED.
segment event RCV-SYN-ACK
/// An acceptable ACK that does not cover our FIN (RFC 5961 range: SND.UNA - MAX.SND.WND =< SEG.ACK =< SND.NXT).
segment event RCV-ACK
/// An acceptable ACK that covers our FIN.
segment event RCV-ACK-OF-FIN
/// An ACK outside the acceptable range: in LISTEN any ACK, in SYN-SENT SEG.ACK =< ISS or > SND.NXT.
segment event RCV-BAD-ACK
/// Segment text inside the receive window.
segment event RCV-TEXT
/// A FIN at RCV.NXT (in the FIN-received states: a retransmission of the peer's FIN).
segment event RCV-FIN
/// A RST that must be honoured: SEG.SEQ = RCV.NXT, or in SYN-SENT with an acceptable ACK.
segment event RCV-RST
/// A RST inside the window but not at RCV.NXT: answered with a challenge ACK (RFC 5961 section 3.2).
segment event RCV-RST-IN-WINDOW
/// Any other RST (out of window, or with no connection to reset): always dropped.
segment event RCV-RST-STRAY
/// A non-RST segment that fails the sequence acceptability test (RFC 9293 section 3.10.7.4, first check).
segment event RCV-UNACCEPTABLE

/// The retransmission timer expired (RFC 6298): retransmit the earliest unacknowledged segment.
timer event RETRANSMIT-TIMEOUT
/// Retransmissions went unanswered past the user timeout, R2 (MUST-20..23).
timer event USER-TIMEOUT
/// 2 x MSL has passed in TIME-WAIT (MUST-13).
timer event TIME-WAIT-TIMEOUT
/// An orphaned connection stayed in FIN-WAIT-2 too long (Linux tcp_fin_timeout).
timer event FIN-WAIT-2-TIMEOUT
/// Keep-alive probes went unanswered (RFC 9293 section 3.8.4).
timer event KEEPALIVE-TIMEOUT

# ---------------------------------------------------------------------------------------------
# Actions. The runtime runs a rule's actions in the order listed.
# ---------------------------------------------------------------------------------------------

/// Create the TCB: buffers, options and the local/remote sockets from the OPEN call.
action CREATE-TCB
/// Choose the ISS (RFC 6528, MUST-8), send <SEQ=ISS><CTL=SYN> with our MSS and window scale, start the retransmission timer.
action SEND-SYN
/// Record the peer's SYN: IRS = SEG.SEQ, RCV.NXT = SEG.SEQ + 1, and its MSS, window scale, SACK and timestamp options.
action RECORD-SYN
/// Send <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK> (choosing the ISS if none yet), start the retransmission timer.
action SEND-SYN-ACK
/// Process an acceptable ACK: advance SND.UNA, update the send window, RTT and congestion state, restart or stop the retransmission timer.
action ACCEPT-ACK
/// Send <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>.
action SEND-ACK
/// Send a challenge ACK (RFC 5961 section 3.2 and 4.2), rate-limited per connection.
action SEND-CHALLENGE-ACK
/// Answer a segment with a reset per RFC 9293 section 3.10.7.1: <SEQ=SEG.ACK><CTL=RST>, or <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>.
action SEND-RST-FOR-SEGMENT
/// Send <SEQ=SND.NXT><CTL=RST> (ABORT).
action SEND-RST
/// Queue user data; it is segmentized when the state and the windows allow.
action QUEUE-DATA
/// Queue a FIN after all queued data.
action QUEUE-FIN
/// Take in-window segment text: reassemble, deliver in order, schedule the ACK (delayed ACK rules).
action ACCEPT-TEXT
/// Take the peer's FIN: RCV.NXT = RCV.NXT + 1, and tell the user the stream has ended.
action ACCEPT-FIN
/// Retransmit the earliest unacknowledged segment (or probe a zero window) and back off the timer.
action RETRANSMIT
/// Forget the half-open connection and return to LISTEN, as if the SYN had never arrived.
action RESET-TO-LISTEN
/// Arm the FIN-WAIT-2 timer when the user can no longer receive (the connection is orphaned).
action START-FIN-WAIT-2-TIMER
/// Stop the other timers and (re)start the 2 x MSL timer.
action START-TIME-WAIT-TIMER
/// Tell the user the connection is open: OPEN completes.
action SIGNAL-OPEN
/// Tell the user the connection ended gracefully: both FINs are acknowledged (MUST-12).
action SIGNAL-CLOSED
/// Tell the user "connection reset": the peer reset an open connection (MUST-12).
action SIGNAL-RESET
/// Tell the user "connection refused": the peer reset our connection attempt.
action SIGNAL-REFUSED
/// Tell the user "connection aborted due to user timeout".
action SIGNAL-TIMEOUT
/// Fail the call: "connection already exists".
action ERROR-EXISTS
/// Fail the call: "connection does not exist".
action ERROR-NO-CONNECTION
/// Fail the call: "foreign socket unspecified".
action ERROR-REMOTE-UNSPECIFIED
/// Fail the call: "connection closing".
action ERROR-CLOSING
/// Delete the TCB: release buffers and timers; pending calls fail.
action DELETE-TCB
/// Hand the segment, a SYN, to the listener on our socket as a new connection request, with an ISS above the old SND.NXT
/// (RFC 9293 section 3.6.1, RFC 6191 section 2); with no listener, answer it as CLOSED does, with a reset.
action PASS-SYN-TO-LISTENER

# ---------------------------------------------------------------------------------------------
# Defaults for every state. Rules further down override them for named states and groups.
# ---------------------------------------------------------------------------------------------

/// OPEN on an existing connection is an error.
in * on OPEN-PASSIVE, OPEN-ACTIVE -> stay do ERROR-EXISTS              [RFC 9293 §3.10.1]
/// ABORT of a connection: reset the peer, then forget everything.
in * on ABORT -> CLOSED do SEND-RST, DELETE-TCB                         [RFC 9293 §3.10.5]
/// A RST that is neither exact nor in the window is dropped silently.
in * on RCV-RST-STRAY ignore                                            [RFC 9293 §3.10.7.4]
/// Giving up on retransmission ends the connection.
in * on USER-TIMEOUT -> CLOSED do SIGNAL-TIMEOUT, DELETE-TCB            [RFC 9293 §3.10.8]
/// Timers that do not belong to a state are stale: their expiry means nothing there.
in * on RETRANSMIT-TIMEOUT, TIME-WAIT-TIMEOUT, FIN-WAIT-2-TIMEOUT, KEEPALIVE-TIMEOUT ignore

# ---------------------------------------------------------------------------------------------
# CLOSED: no TCB. Every segment but a RST draws a reset (RFC 9293 §3.10.7.1).
# ---------------------------------------------------------------------------------------------

/// Passive OPEN: create a TCB and listen.
in CLOSED on OPEN-PASSIVE -> LISTEN do CREATE-TCB                       [RFC 9293 §3.10.1]
/// Active OPEN: create a TCB and send a SYN.
in CLOSED on OPEN-ACTIVE -> SYN-SENT do CREATE-TCB, SEND-SYN            [RFC 9293 §3.10.1]
/// Calls on a connection that does not exist fail.
in CLOSED on SEND, CLOSE, ABORT -> stay do ERROR-NO-CONNECTION          [RFC 9293 §3.10.2]
/// A segment for no connection is answered with a reset, unless it is a reset itself.
in CLOSED on RCV-SYN, RCV-SYN-NEW-INCARNATION, RCV-SYN-ACK, RCV-ACK, RCV-ACK-OF-FIN, RCV-BAD-ACK, RCV-TEXT, RCV-FIN, RCV-UNACCEPTABLE -> stay do SEND-RST-FOR-SEGMENT [RFC 9293 §3.10.7.1]
/// A reset for no connection is dropped.
in CLOSED on RCV-RST, RCV-RST-IN-WINDOW ignore                          [RFC 9293 §3.10.7.1]
/// No TCB, so no user timeout either.
in CLOSED on USER-TIMEOUT ignore

# ---------------------------------------------------------------------------------------------
# LISTEN (RFC 9293 §3.10.7.2)
# ---------------------------------------------------------------------------------------------

/// An active OPEN on a listening connection turns it into an active one.
in LISTEN on OPEN-ACTIVE -> SYN-SENT do SEND-SYN                        [RFC 9293 §3.10.1]
/// SEND needs a remote socket, which a listening connection does not have.
in LISTEN on SEND -> stay do ERROR-REMOTE-UNSPECIFIED                   [RFC 9293 §3.10.2]
/// CLOSE or ABORT of a listener deletes it; there is no peer to reset.
in LISTEN on CLOSE, ABORT -> CLOSED do DELETE-TCB                       [RFC 9293 §3.10.4]
/// A connection request: remember the peer's SYN and answer SYN,ACK.
in LISTEN on RCV-SYN, RCV-SYN-NEW-INCARNATION -> SYN-RECEIVED-PASSIVE do RECORD-SYN, SEND-SYN-ACK [RFC 9293 §3.10.7.2]
/// Any acknowledgment is bad in LISTEN: it draws <SEQ=SEG.ACK><CTL=RST>.
in LISTEN on RCV-SYN-ACK, RCV-ACK, RCV-ACK-OF-FIN, RCV-BAD-ACK -> stay do SEND-RST-FOR-SEGMENT [RFC 9293 §3.10.7.2]
/// Resets and segments without SYN, ACK or RST are dropped.
in LISTEN on RCV-RST, RCV-RST-IN-WINDOW, RCV-TEXT, RCV-FIN, RCV-UNACCEPTABLE ignore [RFC 9293 §3.10.7.2]
/// Nothing is in flight in LISTEN, so there is nothing to time out.
in LISTEN on USER-TIMEOUT ignore

# ---------------------------------------------------------------------------------------------
# SYN-SENT (RFC 9293 §3.10.7.3)
# ---------------------------------------------------------------------------------------------

/// Data sent before the handshake completes waits in the send queue.
in SYN-SENT on SEND -> stay do QUEUE-DATA                               [RFC 9293 §3.10.2]
/// CLOSE before the handshake completes just deletes the TCB.
in SYN-SENT on CLOSE -> CLOSED do DELETE-TCB                            [RFC 9293 §3.10.4]
/// ABORT before the handshake: nothing to reset yet.
in SYN-SENT on ABORT -> CLOSED do DELETE-TCB                            [RFC 9293 §3.10.5]
/// The peer's SYN,ACK acknowledges our SYN: the connection is open.
in SYN-SENT on RCV-SYN-ACK -> ESTABLISHED do RECORD-SYN, ACCEPT-ACK, SEND-ACK, SIGNAL-OPEN [RFC 9293 §3.10.7.3]
/// A bare SYN: simultaneous open (MUST-10). Answer SYN,ACK with the same ISS.
in SYN-SENT on RCV-SYN, RCV-SYN-NEW-INCARNATION -> SYN-RECEIVED-ACTIVE do RECORD-SYN, SEND-SYN-ACK [RFC 9293 §3.10.7.3]
/// An ACK for something we never sent draws a reset.
in SYN-SENT on RCV-BAD-ACK -> stay do SEND-RST-FOR-SEGMENT              [RFC 9293 §3.10.7.3]
/// A reset with an acceptable ACK: the connection was refused.
in SYN-SENT on RCV-RST -> CLOSED do SIGNAL-REFUSED, DELETE-TCB          [RFC 9293 §3.10.7.3]
/// Without SYN or an acceptable RST, a segment is dropped.
in SYN-SENT on RCV-ACK, RCV-ACK-OF-FIN, RCV-TEXT, RCV-FIN, RCV-RST-IN-WINDOW, RCV-UNACCEPTABLE ignore [RFC 9293 §3.10.7.3]
/// Our SYN went unanswered: send it again.
in SYN-SENT on RETRANSMIT-TIMEOUT -> stay do RETRANSMIT                 [RFC 6298 §5]

# ---------------------------------------------------------------------------------------------
# SYN-RECEIVED, reached passively (from LISTEN) or actively (simultaneous open).
# ---------------------------------------------------------------------------------------------

/// Data waits until the connection is established.
in SYN-RECEIVED on SEND -> stay do QUEUE-DATA                           [RFC 9293 §3.10.2]
/// CLOSE during the handshake: send a FIN after the handshake and any queued data.
in SYN-RECEIVED on CLOSE -> FIN-WAIT-1 do QUEUE-FIN                     [RFC 9293 §3.10.4]
/// The ACK of our SYN completes the handshake.
in SYN-RECEIVED on RCV-ACK, RCV-ACK-OF-FIN -> ESTABLISHED do ACCEPT-ACK, SIGNAL-OPEN [RFC 9293 §3.10.7.4]
/// An unacceptable ACK draws <SEQ=SEG.ACK><CTL=RST>.
in SYN-RECEIVED on RCV-BAD-ACK -> stay do SEND-RST-FOR-SEGMENT          [RFC 9293 §3.10.7.4]
/// A FIN: the peer closes right after the handshake.
in SYN-RECEIVED on RCV-FIN -> CLOSE-WAIT do ACCEPT-FIN, SEND-ACK        [RFC 9293 §3.10.7.4]
/// Text can only be taken once the ACK has moved us to ESTABLISHED.
in SYN-RECEIVED on RCV-TEXT ignore                                      [RFC 9293 §3.10.7.4]
/// A segment outside the window draws an ACK.
in SYN-RECEIVED on RCV-UNACCEPTABLE -> stay do SEND-ACK                 [RFC 9293 §3.10.7.4]
/// An inexact in-window RST draws a challenge ACK.
in SYN-RECEIVED on RCV-RST-IN-WINDOW -> stay do SEND-CHALLENGE-ACK      [RFC 5961 §3.2]
/// Our SYN,ACK went unanswered: send it again.
in SYN-RECEIVED on RETRANSMIT-TIMEOUT -> stay do RETRANSMIT             [RFC 6298 §5]

/// Passive: a reset returns the connection to LISTEN.
in SYN-RECEIVED-PASSIVE on RCV-RST -> LISTEN do RESET-TO-LISTEN         [RFC 9293 §3.10.7.4]
/// Passive: a SYN returns the connection to LISTEN.
in SYN-RECEIVED-PASSIVE on RCV-SYN, RCV-SYN-NEW-INCARNATION, RCV-SYN-ACK -> LISTEN do RESET-TO-LISTEN [RFC 9293 §3.10.7.4]
/// Passive: giving up on the SYN,ACK forgets the half-open connection; the listener stays.
in SYN-RECEIVED-PASSIVE on USER-TIMEOUT -> LISTEN do RESET-TO-LISTEN    [RFC 9293 §3.10.8]
/// Active: a reset means the connection was refused.
in SYN-RECEIVED-ACTIVE on RCV-RST -> CLOSED do SIGNAL-REFUSED, DELETE-TCB [RFC 9293 §3.10.7.4]
/// Active: the peer's SYN,ACK of a simultaneous open acknowledges our SYN.
in SYN-RECEIVED-ACTIVE on RCV-SYN-ACK -> ESTABLISHED do ACCEPT-ACK, SIGNAL-OPEN [RFC 9293 §3.10.7.3]
/// Active: any other SYN draws a challenge ACK, as in the synchronized states.
in SYN-RECEIVED-ACTIVE on RCV-SYN, RCV-SYN-NEW-INCARNATION -> stay do SEND-CHALLENGE-ACK         [RFC 5961 §4.2]

# ---------------------------------------------------------------------------------------------
# Synchronized states: rules shared by ESTABLISHED through TIME-WAIT.
# ---------------------------------------------------------------------------------------------

/// A segment outside the window draws an ACK (which resynchronizes a confused peer).
in SYNCHRONIZED on RCV-UNACCEPTABLE -> stay do SEND-ACK                 [RFC 9293 §3.10.7.4]
/// An inexact in-window RST draws a challenge ACK (blind reset attack).
in SYNCHRONIZED on RCV-RST-IN-WINDOW -> stay do SEND-CHALLENGE-ACK      [RFC 5961 §3.2]
/// A SYN in a synchronized state draws a challenge ACK (blind SYN attack).
in SYNCHRONIZED on RCV-SYN, RCV-SYN-NEW-INCARNATION, RCV-SYN-ACK -> stay do SEND-CHALLENGE-ACK   [RFC 5961 §4.2]
/// An ACK outside SND.UNA - MAX.SND.WND .. SND.NXT is dropped and answered (rate-limited).
in SYNCHRONIZED on RCV-BAD-ACK -> stay do SEND-CHALLENGE-ACK            [RFC 5961 §5.2]
/// An exact RST resets the connection, and the user is told it was a reset (MUST-12).
in SYNCHRONIZED on RCV-RST -> CLOSED do SIGNAL-RESET, DELETE-TCB        [RFC 9293 §3.10.7.4]
/// An ACK that does not finish a close just updates the send side.
in SYNCHRONIZED on RCV-ACK, RCV-ACK-OF-FIN -> stay do ACCEPT-ACK        [RFC 9293 §3.10.7.4]
/// After CLOSE, the user may not SEND or CLOSE again.
in CLOSE-CALLED on SEND, CLOSE -> stay do ERROR-CLOSING                 [RFC 9293 §3.10.2]
/// Until the peer's FIN, segment text is taken.
in RECEIVING on RCV-TEXT -> stay do ACCEPT-TEXT                         [RFC 9293 §3.10.7.4]
/// After the peer's FIN, text cannot arrive legitimately and is ignored.
in FIN-RECEIVED on RCV-TEXT ignore                                      [RFC 9293 §3.10.7.4]
/// A retransmitted FIN is acknowledged again (our earlier ACK may have been lost) and the state is kept.
in CLOSE-WAIT, CLOSING, LAST-ACK on RCV-FIN -> stay do SEND-ACK         [RFC 9293 §3.10.7.4]
/// Data or our FIN may be in flight: retransmit on timeout.
in SYNCHRONIZED on RETRANSMIT-TIMEOUT -> stay do RETRANSMIT             [RFC 6298 §5]

# ---------------------------------------------------------------------------------------------
# ESTABLISHED
# ---------------------------------------------------------------------------------------------

/// Queue data for transmission.
in ESTABLISHED on SEND -> stay do QUEUE-DATA                            [RFC 9293 §3.10.2]
/// Active close: FIN after the queued data.
in ESTABLISHED on CLOSE -> FIN-WAIT-1 do QUEUE-FIN                      [RFC 9293 §3.10.4]
/// Passive close: the peer is done sending; we may still send (half-close).
in ESTABLISHED on RCV-FIN -> CLOSE-WAIT do ACCEPT-FIN, SEND-ACK         [RFC 9293 §3.10.7.4]
/// Keep-alive probes went unanswered: the peer is gone.
in ESTABLISHED on KEEPALIVE-TIMEOUT -> CLOSED do SIGNAL-TIMEOUT, DELETE-TCB [RFC 9293 §3.8.4]

# ---------------------------------------------------------------------------------------------
# FIN-WAIT-1
# ---------------------------------------------------------------------------------------------

/// Our FIN is acknowledged; wait for the peer's.
in FIN-WAIT-1 on RCV-ACK-OF-FIN -> FIN-WAIT-2 do ACCEPT-ACK, START-FIN-WAIT-2-TIMER [RFC 9293 §3.10.7.4]
/// Simultaneous close: the peer's FIN before the ACK of ours.
in FIN-WAIT-1 on RCV-FIN -> CLOSING do ACCEPT-FIN, SEND-ACK             [RFC 9293 §3.10.7.4]

# ---------------------------------------------------------------------------------------------
# FIN-WAIT-2
# ---------------------------------------------------------------------------------------------

/// The peer's FIN: acknowledge it and wait 2 x MSL.
in FIN-WAIT-2 on RCV-FIN -> TIME-WAIT do ACCEPT-FIN, SEND-ACK, START-TIME-WAIT-TIMER, SIGNAL-CLOSED [RFC 9293 §3.10.7.4]
/// Nothing of ours is in flight, so there is nothing to retransmit.
in FIN-WAIT-2 on RETRANSMIT-TIMEOUT ignore
/// An orphaned connection gave up waiting for the peer's FIN.
in FIN-WAIT-2 on FIN-WAIT-2-TIMEOUT -> CLOSED do DELETE-TCB
/// Keep-alive probes went unanswered: the peer is gone.
in FIN-WAIT-2 on KEEPALIVE-TIMEOUT -> CLOSED do SIGNAL-TIMEOUT, DELETE-TCB [RFC 9293 §3.8.4]

# ---------------------------------------------------------------------------------------------
# CLOSE-WAIT
# ---------------------------------------------------------------------------------------------

/// Half-close: we may still send after the peer's FIN.
in CLOSE-WAIT on SEND -> stay do QUEUE-DATA                             [RFC 9293 §3.10.2]
/// Our side closes too: FIN after the queued data, wait for its ACK.
in CLOSE-WAIT on CLOSE -> LAST-ACK do QUEUE-FIN                         [RFC 9293 §3.10.4]
/// Keep-alive probes went unanswered: the peer is gone.
in CLOSE-WAIT on KEEPALIVE-TIMEOUT -> CLOSED do SIGNAL-TIMEOUT, DELETE-TCB [RFC 9293 §3.8.4]

# ---------------------------------------------------------------------------------------------
# CLOSING, LAST-ACK, TIME-WAIT
# ---------------------------------------------------------------------------------------------

/// Simultaneous close completes: wait 2 x MSL.
in CLOSING on RCV-ACK-OF-FIN -> TIME-WAIT do ACCEPT-ACK, START-TIME-WAIT-TIMER, SIGNAL-CLOSED [RFC 9293 §3.10.7.4]
/// The ACK of our FIN ends the connection.
in LAST-ACK on RCV-ACK-OF-FIN -> CLOSED do ACCEPT-ACK, SIGNAL-CLOSED, DELETE-TCB [RFC 9293 §3.10.7.4]
/// The connection is already closing: ABORT just deletes it.
in CLOSING, LAST-ACK, TIME-WAIT on ABORT -> CLOSED do DELETE-TCB        [RFC 9293 §3.10.5]
/// Only a retransmitted FIN can arrive: acknowledge it and restart the 2 x MSL wait.
in TIME-WAIT on RCV-FIN -> stay do SEND-ACK, START-TIME-WAIT-TIMER      [RFC 9293 §3.10.7.4]
/// ACKs carry nothing new in TIME-WAIT.
in TIME-WAIT on RCV-ACK, RCV-ACK-OF-FIN ignore                          [RFC 9293 §3.10.7.4]
/// A SYN above the old RCV.NXT reopens the connection: the old TCB goes and the SYN is a new connection request.
in TIME-WAIT on RCV-SYN-NEW-INCARNATION -> CLOSED do DELETE-TCB, PASS-SYN-TO-LISTENER [RFC 9293 §3.6.1]
/// A RST must not cut TIME-WAIT short (TIME-WAIT assassination, fix F1).
in TIME-WAIT on RCV-RST ignore                                          [RFC 1337 §4]
/// Nothing is in flight in TIME-WAIT; only 2 x MSL ends it.
in TIME-WAIT on RETRANSMIT-TIMEOUT, USER-TIMEOUT ignore
/// 2 x MSL has passed: the connection is gone.
in TIME-WAIT on TIME-WAIT-TIMEOUT -> CLOSED do DELETE-TCB               [RFC 9293 §3.10.8]
