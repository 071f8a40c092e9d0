using System.Collections.Generic;
using System.Linq;
using TcpGen.Runtime;
using Xunit;
using static TcpGen.Runtime.TcpEvent;

namespace TcpGen.Tests.Scenarios
{
    /// <summary>
    /// The connection lifecycles of RFC 9293 §3.5 and §3.6 walked through the generated table, one event at
    /// a time, checking every state on the way and the actions that matter (the seed document's figures).
    /// </summary>
    public class RfcScenarioTest
    {
        [Fact]
        public void ActiveOpenShouldSendSynAndEstablishOnSynAck()
        {
            var path = Walk(OpenActive, RcvSynAck);

            Assert.Equal(new[] { TcpState.SynSent, TcpState.Established }, path.States);
            Assert.Equal(new[] { TcpAction.CreateTcb, TcpAction.SendSyn }, path.Actions[0]);
            Assert.Equal(new[] { TcpAction.RecordSyn, TcpAction.AcceptAck, TcpAction.SendAck, TcpAction.SignalOpen }, path.Actions[1]);
        }

        [Fact]
        public void PassiveOpenShouldAnswerSynWithSynAckAndEstablishOnAck()
        {
            var path = Walk(OpenPassive, RcvSyn, RcvAck);

            Assert.Equal(new[] { TcpState.Listen, TcpState.SynReceivedPassive, TcpState.Established }, path.States);
            Assert.Equal(new[] { TcpAction.RecordSyn, TcpAction.SendSynAck }, path.Actions[1]);
        }

        [Fact]
        [Trait("Requirement", "MUST-10")]
        public void SimultaneousOpenShouldPassThroughSynReceived()
        {
            var path = Walk(OpenActive, RcvSyn, RcvSynAck);

            Assert.Equal(new[] { TcpState.SynSent, TcpState.SynReceivedActive, TcpState.Established }, path.States);
            Assert.Equal("SYN-RECEIVED", TcpTransitions.RfcStateName(path.States[1]));
        }

        [Fact]
        [Trait("Requirement", "MUST-11")]
        public void ResetInSynReceivedShouldReturnToWhereTheOpenCameFrom()
        {
            Assert.Equal(TcpState.Listen, Walk(OpenPassive, RcvSyn, RcvRst).States.Last());
            var active = Walk(OpenActive, RcvSyn, RcvRst);
            Assert.Equal(TcpState.Closed, active.States.Last());
            Assert.Contains(TcpAction.SignalRefused, active.Actions.Last());
        }

        [Fact]
        [Trait("Requirement", "MUST-13")]
        public void ActiveCloseShouldGoThroughFinWaitToTimeWaitAndCloseAfterTwoMsl()
        {
            var path = Walk(OpenActive, RcvSynAck, Close, RcvAckOfFin, RcvFin, TimeWaitTimeout);

            Assert.Equal(
                new[] { TcpState.SynSent, TcpState.Established, TcpState.FinWait1, TcpState.FinWait2, TcpState.TimeWait, TcpState.Closed },
                path.States);
            Assert.Equal(new[] { TcpAction.AcceptFin, TcpAction.SendAck, TcpAction.StartTimeWaitTimer, TcpAction.SignalClosed }, path.Actions[4]);
        }

        [Fact]
        [Trait("Requirement", "MUST-12")]
        public void PassiveCloseShouldAllowSendingAfterThePeersFin()
        {
            var path = Walk(OpenPassive, RcvSyn, RcvAck, RcvFin, Send, Close, RcvAckOfFin);

            Assert.Equal(TcpState.CloseWait, path.States[3]);
            Assert.Equal(new[] { TcpAction.QueueData }, path.Actions[4]);
            Assert.Equal(new[] { TcpState.CloseWait, TcpState.LastAck, TcpState.Closed }, path.States.Skip(4));
            Assert.Contains(TcpAction.SignalClosed, path.Actions.Last());
        }

        [Fact]
        public void SimultaneousCloseShouldGoThroughClosing()
        {
            var path = Walk(OpenActive, RcvSynAck, Close, RcvFin, RcvAckOfFin);

            Assert.Equal(new[] { TcpState.FinWait1, TcpState.Closing, TcpState.TimeWait }, path.States.Skip(2));
        }

        [Fact]
        public void FinCarryingTheAckOfOurFinShouldReachTimeWaitDirectly()
        {
            // One segment, two events in RFC 9293 §3.10.7.4 order: the ACK (fifth check), then the FIN (eighth).
            var path = Walk(OpenActive, RcvSynAck, Close, RcvAckOfFin, RcvFin);

            Assert.Equal(TcpState.TimeWait, path.States.Last());
        }

        [Fact]
        [Trait("Requirement", "MUST-12")]
        public void ResetInEstablishedShouldTellTheUserItWasAReset()
        {
            var path = Walk(OpenActive, RcvSynAck, RcvRst);

            Assert.Equal(TcpState.Closed, path.States.Last());
            Assert.Equal(new[] { TcpAction.SignalReset, TcpAction.DeleteTcb }, path.Actions.Last());
        }

        [Fact]
        public void InexactResetAndSynShouldDrawChallengeAcksAndKeepTheConnection()
        {
            var path = Walk(OpenActive, RcvSynAck, RcvRstInWindow, RcvSyn, RcvBadAck);

            Assert.All(path.States.Skip(1), s => Assert.Equal(TcpState.Established, s));
            Assert.All(path.Actions.Skip(2), a => Assert.Equal(new[] { TcpAction.SendChallengeAck }, a));
        }

        [Fact]
        public void AbortShouldResetThePeerAndDeleteTheTcb()
        {
            var path = Walk(OpenActive, RcvSynAck, Abort);

            Assert.Equal(TcpState.Closed, path.States.Last());
            Assert.Equal(new[] { TcpAction.SendRst, TcpAction.DeleteTcb }, path.Actions.Last());
        }

        [Fact]
        public void SegmentForNoConnectionShouldDrawAResetUnlessItIsAReset()
        {
            Assert.Equal(new[] { TcpAction.SendRstForSegment }, Walk(RcvSyn).Actions.Single());
            Assert.Empty(Walk(RcvRstStray).Actions.Single());
        }

        [Fact]
        public void TransitionShouldEnumerateItsActionsInOrderWithoutGaps()
        {
            TcpTransition transition = TcpTransitions.Next(TcpState.FinWait2, RcvFin);

            var listed = new List<TcpAction>();
            foreach (TcpAction action in transition)
            {
                listed.Add(action);
            }

            Assert.Equal(listed.Count, transition.ActionCount);
            Assert.Equal(listed, Enumerable.Range(0, transition.ActionCount).Select(i => transition[i]));
            Assert.Equal(TcpAction.None, transition[transition.ActionCount]);
        }

        private static (TcpState[] States, TcpAction[][] Actions) Walk(params TcpEvent[] events)
        {
            var machine = new ConnectionStateMachine();
            var states = new List<TcpState>();
            var actions = new List<TcpAction[]>();
            foreach (TcpEvent evt in events)
            {
                TcpTransition transition = machine.Fire(evt);
                states.Add(machine.State);
                actions.Add(Enumerable.Range(0, transition.ActionCount).Select(i => transition[i]).ToArray());
            }

            return (states.ToArray(), actions.ToArray());
        }
    }
}
