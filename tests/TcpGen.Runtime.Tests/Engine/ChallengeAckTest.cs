using System;
using Xunit;
using static TcpGen.Runtime.Tests.Engine.EngineHarness;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>Challenge ACKs (RFC 5961 3.2, 4.2, 5.2) and their per-connection rate limit (RFC 5961 7).</summary>
    public class ChallengeAckTest
    {
        [Fact]
        public void ChallengeAcksShouldBeLimitedPerSecond()
        {
            using var t = Established(o => o.ChallengeAckLimitPerSecond = 3);
            int answered = 0;
            for (int i = 0; i < 5; i++)
            {
                t.Send(Seg.Rst with { Seq = RemoteIss + 100 + (uint)i });
                answered += t.DrainAll().Count;
            }

            Assert.Equal(3, answered);
            Assert.Equal(3, t.Engine.Counters.ChallengeAcksSent);
            Assert.Equal(2, t.Engine.Counters.ChallengeAcksSuppressed);

            t.Advance(TimeSpan.FromSeconds(1));
            t.Send(Seg.Syn with { Seq = RemoteIss + 1 });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 1 });
        }

        [Fact]
        public void BudgetShouldBePerConnection()
        {
            using var t = Established(o => o.ChallengeAckLimitPerSecond = 1);
            t.Send(Seg.Rst with { Seq = RemoteIss + 100 });
            t.Next();
            t.Send(Seg.Rst with { Seq = RemoteIss + 100 });
            t.ExpectNothing();

            // A second connection from another port has its own budget.
            ushort port = RemotePort + 1;
            t.Send(Seg.Syn with { Seq = 7_000, Mss = 1000 }, port);
            Seg synAck = t.Next();
            t.Send(Seg.AckOnly with { Seq = 7_001, Ack = synAck.Seq + 1 }, port);
            t.Send(Seg.Rst with { Seq = 7_100 }, port);
            t.Expect(Seg.AckOnly with { Seq = synAck.Seq + 1, Ack = 7_001 });
            Assert.Equal(1, t.Engine.Counters.ChallengeAcksSuppressed);
        }
    }
}
