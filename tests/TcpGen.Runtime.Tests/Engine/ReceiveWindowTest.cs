using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using Xunit;
using static TcpGen.Runtime.Tests.Engine.EngineHarness;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>The window we advertise: receiver SWS avoidance (RFC 9293 3.8.6.2.2) and no shrinking (3.8.6).</summary>
    public class ReceiveWindowTest
    {
        /// <summary>ESTABLISHED with our 6000-octet buffer full and unread.</summary>
        private static EngineHarness WithFullReceiveBuffer()
        {
            EngineHarness t = Established();
            for (int i = 0; i < 6; i++)
            {
                t.Send(Seg.AckOnly with { Seq = RemoteIss + 1 + (uint)(1000 * i), Ack = t.Iss + 1, Payload = Bytes(1000, i) });
            }

            t.DrainAll();
            return t;
        }

        [Fact]
        [Trait("Requirement", "MUST-39")]
        public void SmallReadsShouldNotOpenTheWindowByLessThanAnMss()
        {
            using EngineHarness t = WithFullReceiveBuffer();
            byte[] buffer = new byte[400];
            Assert.Equal(400, t.Engine.Read(t.Connection, buffer, t.Now));
            t.ExpectNothing(); // no window update for 400 octets
            Assert.Equal(400, t.Engine.Read(t.Connection, buffer, t.Now));
            t.ExpectNothing();

            // An ACK owed for another reason still offers a zero window (the edge stays put).
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 6001, Ack = t.Iss + 1, Payload = Bytes(5) });
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 6001, Window = 0 });

            Assert.Equal(400, t.Engine.Read(t.Connection, buffer, t.Now)); // 1200 free: at least one MSS
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 6001, Window = 1200 });
        }

        [Fact]
        [Trait("Requirement", "SHLD-14")]
        public void ArrivingDataShouldNarrowTheWindowWithoutMovingItsRightEdge()
        {
            using var t = Established();
            for (int i = 0; i < 3; i++)
            {
                t.Send(Seg.AckOnly with { Seq = RemoteIss + 1 + (uint)(1000 * i), Ack = t.Iss + 1, Payload = Bytes(1000) });
                t.Send(Seg.AckOnly with { Seq = RemoteIss + 1 + (uint)(1000 * i), Ack = t.Iss + 1, Payload = Bytes(1000) }); // duplicate: ACK at once
                Seg ack = t.Next();
                t.ExpectNothing();
                Assert.Equal(RemoteIss + 6001, ack.Ack + ack.Window!.Value); // right edge fixed at RCV.NXT + 6000
            }
        }

        [Fact]
        [Trait("Requirement", "SHLD-14")]
        public void ScaledWindowShouldRoundUpRatherThanRetract()
        {
            using var t = new EngineHarness(o => { o.WindowScale = 4; o.ReceiveBufferSize = 6000; }).Listen();
            t.Send(Seg.Syn with { Seq = RemoteIss, Window = 8000, Mss = 1000, WindowScale = 0 });
            Seg synAck = t.Next();
            Assert.Equal((byte)4, synAck.WindowScale);
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = synAck.Seq + 1, Window = 8000 });
            Assert.True(t.Engine.TryAccept(t.Listener, out ConnectionHandle accepted));
            t.Connection = accepted;
            uint iss = synAck.Seq;
            uint bufferEdge = RemoteIss + 1 + 6000; // the SYN,ACK's unscaled window, and the buffer's edge while nothing is read

            uint sequence = RemoteIss + 1;
            for (int i = 0; i < 8; i++)
            {
                // 7-octet segments: RCV.NXT moves by less than the 16-octet scaling unit each time.
                t.Send(Seg.AckOnly with { Seq = sequence, Ack = iss + 1, Payload = Bytes(7) });
                t.Send(Seg.AckOnly with { Seq = sequence, Ack = iss + 1, Payload = Bytes(7) }); // duplicate: ACK at once
                sequence += 7;
                Seg ack = t.Next();
                t.ExpectNothing();
                // Rounding down would retract the edge below what the buffer holds; it never does. At most the part
                // past the buffer (less than one scaling unit, RFC 7323 2.4) can come and go.
                uint advertisedEdge = ack.Ack + ((uint)ack.Window!.Value << 4);
                Assert.True(advertisedEdge - bufferEdge < 16, $"edge {advertisedEdge} should be within one unit at or after {bufferEdge}");
            }
        }
    }
}
