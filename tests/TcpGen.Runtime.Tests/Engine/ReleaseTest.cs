using TcpGen.Runtime.Engine;
using Xunit;
using static TcpGen.Runtime.Tests.Engine.EngineHarness;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>Releasing a connection handle (RFC 9293 3.6): a graceful close, or a reset when received data is lost.</summary>
    public class ReleaseTest
    {
        [Fact]
        [Trait("Requirement", "SHLD-3")]
        [Trait("Requirement", "MUST-12")]
        public void ReleaseWithUnreadDataShouldResetThePeer()
        {
            using var t = Established();
            t.Send(Seg.Data with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(10) });
            t.Engine.Release(t.Connection);

            t.Expect(Seg.Rst with { Seq = t.Iss + 1 });
            t.ExpectNothing();
            t.AssertTook(TcpState.Established, TcpEvent.Abort);
        }

        [Fact]
        public void ReleaseWithEverythingReadShouldCloseGracefully()
        {
            using var t = Established();
            t.Send(Seg.Data with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(10) });
            Assert.Equal(Bytes(10), t.ReadAll());
            t.Engine.Release(t.Connection);

            t.Expect(Seg.FinAck with { Seq = t.Iss + 1, Ack = RemoteIss + 11 });
            t.AssertTook(TcpState.Established, TcpEvent.Close);
        }
    }
}
