using TcpGen.Runtime.Engine;
using TcpGen.Runtime.Sequencing;
using Xunit;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>The sender's SACK scoreboard (RFC 6675 3, 4): blocks, IsLost's edge, pipe and the next lost hole.</summary>
    public class SackScoreboardTest
    {
        /// <summary>SND.UNA in every case; chosen just below the wrap so the arithmetic crosses it.</summary>
        private static readonly SeqNum Una = new(uint.MaxValue - 1000);

        /// <summary>SND.MAX: ten 100-octet segments after <see cref="Una"/>.</summary>
        private static readonly SeqNum Max = Una + 1000u;

        private const int Mss = 100;

        [Fact]
        public void BlocksShouldBeKeptSortedAndMergedWhenTheyTouch()
        {
            var board = new SackScoreboard();
            board.Add(At(500), At(600), Una, Max);
            board.Add(At(200), At(300), Una, Max);
            board.Add(At(300), At(400), Una, Max);

            Assert.Equal(2, board.Count);
            Assert.Equal((At(200), At(400)), board[0]);
            Assert.Equal((At(500), At(600)), board[1]);

            board.Add(At(350), At(550), Una, Max);
            Assert.Equal(1, board.Count);
            Assert.Equal((At(200), At(600)), board[0]);
        }

        [Fact]
        public void BlocksOutsideTheFlightShouldBeClippedOrIgnored()
        {
            var board = new SackScoreboard();
            board.Add(Una - 100u, Una, Una, Max); // a D-SACK block below SND.UNA (RFC 2883)
            board.Add(Max, Max + 100u, Una, Max); // past anything sent
            Assert.True(board.IsEmpty);

            board.Add(At(900), Max + 500u, Una, Max);
            Assert.Equal((At(900), Max), board[0]);
        }

        [Fact]
        public void AdvancingSndUnaShouldDropAndClipBlocks()
        {
            var board = new SackScoreboard();
            board.Add(At(100), At(200), Una, Max);
            board.Add(At(300), At(400), Una, Max);

            board.AdvanceTo(At(350));
            Assert.Equal(1, board.Count);
            Assert.Equal((At(350), At(400)), board[0]);
        }

        [Fact]
        public void FullScoreboardShouldDropTheHighestBlock()
        {
            var board = new SackScoreboard();
            for (int i = 0; i < SackScoreboard.Capacity; i++)
            {
                board.Add(At((i * 40) + 20), At((i * 40) + 30), Una, Max);
            }

            board.Add(At(5), At(10), Una, Max);
            Assert.Equal(SackScoreboard.Capacity, board.Count);
            Assert.Equal((At(5), At(10)), board[0]);
            Assert.Equal(At(((SackScoreboard.Capacity - 2) * 40) + 30), board.HighestSackedEnd(Una));
        }

        [Fact]
        public void SndUnaShouldBeLostOnlyOnceMoreThanTwoSegmentsAreSackedAboveIt()
        {
            var board = new SackScoreboard();
            board.Add(At(100), At(300), Una, Max);
            Assert.Equal(Una, board.LostEdge(Una, Mss)); // 2 x SMSS above: not yet (RFC 6675 4, "more than")

            board.Add(At(300), At(301), Una, Max);
            Assert.Equal(At(100), board.LostEdge(Una, Mss));
        }

        [Fact]
        public void ThreeDiscontiguousBlocksShouldMakeWhatIsBelowThemLost()
        {
            var board = new SackScoreboard();
            board.Add(At(100), At(110), Una, Max);
            board.Add(At(300), At(310), Una, Max);
            board.Add(At(500), At(510), Una, Max);

            Assert.Equal(At(100), board.LostEdge(Una, Mss));
        }

        [Fact]
        public void PipeShouldCountUnsackedNotLostOctetsAndLostOnesResent()
        {
            var board = new SackScoreboard();
            board.Add(At(100), At(400), Una, Max); // 0..100 is a lost hole
            board.Add(At(600), At(700), Una, Max);

            // Not lost: 400..600 and 700..1000 unSACKed = 500. Nothing resent yet.
            Assert.Equal(500, board.Pipe(Una, Max, Una, Mss));
            // The hole 0..100 resent: it is in the network again.
            Assert.Equal(600, board.Pipe(Una, Max, At(100), Mss));
        }

        [Fact]
        public void NextLostHoleShouldWalkTheHolesBelowTheLostEdgeInOrder()
        {
            var board = new SackScoreboard();
            board.Add(At(100), At(200), Una, Max);
            board.Add(At(250), At(300), Una, Max);
            board.Add(At(400), At(700), Una, Max);

            Assert.True(board.NextLostHole(Una, Una, Mss, out SeqNum start, out int length));
            Assert.Equal((Una, 100), (start, length));
            Assert.True(board.NextLostHole(At(100), Una, Mss, out start, out length));
            Assert.Equal((At(200), 50), (start, length));
            Assert.True(board.NextLostHole(At(250), Una, Mss, out start, out length));
            Assert.Equal((At(300), 100), (start, length));
            Assert.False(board.NextLostHole(At(400), Una, Mss, out _, out _)); // 700..1000 is not lost
        }

        private static SeqNum At(int offset) => Una + (uint)offset;
    }
}
