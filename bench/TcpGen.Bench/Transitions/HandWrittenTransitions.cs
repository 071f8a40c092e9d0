using System.Runtime.CompilerServices;
using TcpGen.Runtime;
using static TcpGen.Runtime.TcpAction;
using static TcpGen.Runtime.TcpEvent;
using static TcpGen.Runtime.TcpState;

namespace TcpGen.Bench.Transitions
{
    /// <summary>
    /// The machine of tcp-states.dsl written the way a programmer would without a generator: a switch on the state,
    /// then on the event, returning the same packed <see cref="TcpTransition"/> the table holds. It is the
    /// "no table" baseline of the transition benchmark. <see cref="TransitionAgreement"/> names every cell where it
    /// and the table differ, so after a DSL change this file is updated cell by cell.
    /// </summary>
    public static class HandWrittenTransitions
    {
        /// <summary>The transition for <paramref name="evt"/> in <paramref name="state"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TcpTransition Next(TcpState state, TcpEvent evt) => new TcpTransition(state switch
        {
            Closed => FromClosed(evt),
            Listen => FromListen(evt),
            SynSent => FromSynSent(evt),
            SynReceivedPassive => FromSynReceivedPassive(evt),
            SynReceivedActive => FromSynReceivedActive(evt),
            Established => FromEstablished(evt),
            FinWait1 => FromFinWait1(evt),
            FinWait2 => FromFinWait2(evt),
            CloseWait => FromCloseWait(evt),
            Closing => FromClosing(evt),
            LastAck => FromLastAck(evt),
            _ => FromTimeWait(evt),
        });

        private static ulong FromClosed(TcpEvent evt) => evt switch
        {
            OpenPassive => Go(Listen, CreateTcb),
            OpenActive => Go(SynSent, CreateTcb, SendSyn),
            Send or TcpEvent.Close or Abort => Go(Closed, ErrorNoConnection),
            RcvSyn or RcvSynNewIncarnation or RcvSynAck or RcvAck or RcvAckOfFin or RcvBadAck or RcvText or RcvFin or RcvUnacceptable => Go(Closed, SendRstForSegment),
            _ => Go(Closed),
        };

        private static ulong FromListen(TcpEvent evt) => evt switch
        {
            OpenPassive => Go(Listen, ErrorExists),
            OpenActive => Go(SynSent, SendSyn),
            Send => Go(Listen, ErrorRemoteUnspecified),
            TcpEvent.Close or Abort => Go(Closed, DeleteTcb),
            RcvSyn or RcvSynNewIncarnation => Go(SynReceivedPassive, RecordSyn, SendSynAck),
            RcvSynAck or RcvAck or RcvAckOfFin or RcvBadAck => Go(Listen, SendRstForSegment),
            _ => Go(Listen),
        };

        private static ulong FromSynSent(TcpEvent evt) => evt switch
        {
            OpenPassive or OpenActive => Go(SynSent, ErrorExists),
            Send => Go(SynSent, QueueData),
            TcpEvent.Close or Abort => Go(Closed, DeleteTcb),
            RcvSyn or RcvSynNewIncarnation => Go(SynReceivedActive, RecordSyn, SendSynAck),
            RcvSynAck => Go(Established, RecordSyn, AcceptAck, SendAck, SignalOpen),
            RcvBadAck => Go(SynSent, SendRstForSegment),
            RcvRst => Go(Closed, SignalRefused, DeleteTcb),
            RetransmitTimeout => Go(SynSent, Retransmit),
            UserTimeout => Go(Closed, SignalTimeout, DeleteTcb),
            _ => Go(SynSent),
        };

        private static ulong FromSynReceivedPassive(TcpEvent evt) => evt switch
        {
            RcvSyn or RcvSynNewIncarnation or RcvSynAck or RcvRst or UserTimeout => Go(Listen, ResetToListen),
            _ => FromSynReceived(SynReceivedPassive, evt),
        };

        private static ulong FromSynReceivedActive(TcpEvent evt) => evt switch
        {
            RcvSyn or RcvSynNewIncarnation => Go(SynReceivedActive, SendChallengeAck),
            RcvSynAck => Go(Established, AcceptAck, SignalOpen),
            RcvRst => Go(Closed, SignalRefused, DeleteTcb),
            UserTimeout => Go(Closed, SignalTimeout, DeleteTcb),
            _ => FromSynReceived(SynReceivedActive, evt),
        };

        /// <summary>What both halves of SYN-RECEIVED do alike.</summary>
        private static ulong FromSynReceived(TcpState self, TcpEvent evt) => evt switch
        {
            OpenPassive or OpenActive => Go(self, ErrorExists),
            Send => Go(self, QueueData),
            TcpEvent.Close => Go(FinWait1, QueueFin),
            Abort => Go(Closed, SendRst, DeleteTcb),
            RcvAck or RcvAckOfFin => Go(Established, AcceptAck, SignalOpen),
            RcvBadAck => Go(self, SendRstForSegment),
            RcvFin => Go(CloseWait, AcceptFin, SendAck),
            RcvRstInWindow => Go(self, SendChallengeAck),
            RcvUnacceptable => Go(self, SendAck),
            RetransmitTimeout => Go(self, Retransmit),
            _ => Go(self),
        };

        private static ulong FromEstablished(TcpEvent evt) => evt switch
        {
            Send => Go(Established, QueueData),
            TcpEvent.Close => Go(FinWait1, QueueFin),
            RcvText => Go(Established, AcceptText),
            RcvFin => Go(CloseWait, AcceptFin, SendAck),
            KeepaliveTimeout => Go(Closed, SignalTimeout, DeleteTcb),
            _ => FromSynchronized(Established, evt),
        };

        private static ulong FromFinWait1(TcpEvent evt) => evt switch
        {
            Send or TcpEvent.Close => Go(FinWait1, ErrorClosing),
            RcvAckOfFin => Go(FinWait2, AcceptAck, StartFinWait2Timer),
            RcvText => Go(FinWait1, AcceptText),
            RcvFin => Go(Closing, AcceptFin, SendAck),
            _ => FromSynchronized(FinWait1, evt),
        };

        private static ulong FromFinWait2(TcpEvent evt) => evt switch
        {
            Send or TcpEvent.Close => Go(FinWait2, ErrorClosing),
            RcvText => Go(FinWait2, AcceptText),
            RcvFin => Go(TimeWait, AcceptFin, SendAck, StartTimeWaitTimer, SignalClosed),
            RetransmitTimeout => Go(FinWait2),
            FinWait2Timeout => Go(Closed, DeleteTcb),
            KeepaliveTimeout => Go(Closed, SignalTimeout, DeleteTcb),
            _ => FromSynchronized(FinWait2, evt),
        };

        private static ulong FromCloseWait(TcpEvent evt) => evt switch
        {
            Send => Go(CloseWait, QueueData),
            TcpEvent.Close => Go(LastAck, QueueFin),
            RcvFin => Go(CloseWait, SendAck),
            KeepaliveTimeout => Go(Closed, SignalTimeout, DeleteTcb),
            _ => FromSynchronized(CloseWait, evt),
        };

        private static ulong FromClosing(TcpEvent evt) => evt switch
        {
            Send or TcpEvent.Close => Go(Closing, ErrorClosing),
            Abort => Go(Closed, DeleteTcb),
            RcvAckOfFin => Go(TimeWait, AcceptAck, StartTimeWaitTimer, SignalClosed),
            RcvFin => Go(Closing, SendAck),
            _ => FromSynchronized(Closing, evt),
        };

        private static ulong FromLastAck(TcpEvent evt) => evt switch
        {
            Send or TcpEvent.Close => Go(LastAck, ErrorClosing),
            Abort => Go(Closed, DeleteTcb),
            RcvAckOfFin => Go(Closed, AcceptAck, SignalClosed, DeleteTcb),
            RcvFin => Go(LastAck, SendAck),
            _ => FromSynchronized(LastAck, evt),
        };

        private static ulong FromTimeWait(TcpEvent evt) => evt switch
        {
            Send or TcpEvent.Close => Go(TimeWait, ErrorClosing),
            Abort => Go(Closed, DeleteTcb),
            RcvAck or RcvAckOfFin or RcvRst or RetransmitTimeout or UserTimeout => Go(TimeWait),
            RcvFin => Go(TimeWait, SendAck, StartTimeWaitTimer),
            TimeWaitTimeout => Go(Closed, DeleteTcb),
            RcvSynNewIncarnation => Go(Closed, DeleteTcb, PassSynToListener),
            _ => FromSynchronized(TimeWait, evt),
        };

        /// <summary>What ESTABLISHED through TIME-WAIT do alike, plus the machine-wide defaults.</summary>
        private static ulong FromSynchronized(TcpState self, TcpEvent evt) => evt switch
        {
            OpenPassive or OpenActive => Go(self, ErrorExists),
            Abort => Go(Closed, SendRst, DeleteTcb),
            RcvSyn or RcvSynNewIncarnation or RcvSynAck or RcvBadAck or RcvRstInWindow => Go(self, SendChallengeAck),
            RcvAck or RcvAckOfFin => Go(self, AcceptAck),
            RcvRst => Go(Closed, SignalReset, DeleteTcb),
            RcvUnacceptable => Go(self, SendAck),
            RetransmitTimeout => Go(self, Retransmit),
            UserTimeout => Go(Closed, SignalTimeout, DeleteTcb),
            _ => Go(self),
        };

        /// <summary>Packs a next state and its ordered actions the way <see cref="TcpTransition"/> lays them out.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong Go(TcpState next, TcpAction first = None, TcpAction second = None, TcpAction third = None, TcpAction fourth = None) =>
            (byte)next | ((ulong)first << 8) | ((ulong)second << 16) | ((ulong)third << 24) | ((ulong)fourth << 32);
    }
}
