using System.Linq;
using TcpGen.Bench.Transitions;
using TcpGen.Runtime;
using Xunit;

namespace TcpGen.Tests.Bench
{
    /// <summary>
    /// The transition benchmark compares like with like: the hand-written switch and the Stateless baseline in
    /// bench/TcpGen.Bench implement exactly the generated table. After a DSL change this test names each cell the
    /// hand-written switch must be updated for (the same check `dotnet run --project bench/TcpGen.Bench -- --verify` runs).
    /// </summary>
    public class TransitionAgreementTest
    {
        [Fact]
        public void HandWrittenSwitchAndStatelessShouldAgreeWithTheTableOnEveryCell()
        {
            string[] disagreements = TransitionAgreement.CompareCells().Select(cell => cell.ToString()).ToArray();

            Assert.True(disagreements.Length == 0, string.Join("\n", disagreements));
        }

        [Fact]
        public void EveryImplementationShouldFollowTheTableAlongTheBenchmarkWalk()
        {
            string? divergence = TransitionAgreement.CompareWalk(new TransitionWorkload().Events);

            Assert.Null(divergence);
        }

        [Fact]
        public void CompareCellsShouldNameTheCellAndBothTransitionsWhenAnImplementationDiffers()
        {
            // An implementation that is the table except that ESTABLISHED ignores RCV-FIN.
            TcpTransition Broken(TcpState state, TcpEvent evt) =>
                state == TcpState.Established && evt == TcpEvent.RcvFin
                    ? new TcpTransition((ulong)TcpState.Established)
                    : TcpTransitions.Next(state, evt);

            CellDisagreement only = Assert.Single(TransitionAgreement.CompareCells("broken", Broken));

            Assert.Equal(TcpState.Established, only.State);
            Assert.Equal(TcpEvent.RcvFin, only.Event);
            string table = CellDisagreement.Describe(TcpTransitions.Next(TcpState.Established, TcpEvent.RcvFin));
            Assert.Equal($"broken: [ESTABLISHED, RCV-FIN] table {table}, broken -> ESTABLISHED", only.ToString());
        }

        [Fact]
        public void DescribeShouldListTheNextStateAndTheActionsInOrder()
        {
            ulong packed = (ulong)TcpState.CloseWait | ((ulong)TcpAction.AcceptFin << 8) | ((ulong)TcpAction.SendAck << 16);

            Assert.Equal("-> CLOSE-WAIT do ACCEPT-FIN, SEND-ACK", CellDisagreement.Describe(new TcpTransition(packed)));
            Assert.Equal("-> LISTEN", CellDisagreement.Describe(new TcpTransition((ulong)TcpState.Listen)));
        }

        [Fact]
        public void WorkloadShouldCoverEveryStateAndEventWithTheSameSeedGivingTheSameStream()
        {
            var first = new TransitionWorkload();
            var second = new TransitionWorkload();

            Assert.Equal(first.States, second.States);
            Assert.Equal(first.Events, second.Events);
            Assert.Equal(TcpTransitions.StateCount, first.States.Distinct().Count());
            Assert.Equal(TcpTransitions.EventCount, first.Events.Distinct().Count());
        }
    }
}
