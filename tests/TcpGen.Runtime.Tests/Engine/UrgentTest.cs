using System;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using Xunit;
using static TcpGen.Runtime.Tests.Engine.EngineHarness;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>The urgent pointer (RFC 9293 3.8.5): inline urgent data, sent and received.</summary>
    public class UrgentTest
    {
        /// <summary>ACK,URG with the given pointer.</summary>
        private static Seg Urgent(uint seq, uint ack, byte[] payload, ushort pointer) =>
            new(TcpFlags.Ack | TcpFlags.Urg, seq, ack, Payload: payload, UrgentPointer: pointer);

        [Fact]
        [Trait("Requirement", "MUST-30")]
        [Trait("Requirement", "MUST-62")]
        public void UrgentSendShouldPointAtTheFirstOctetAfterTheUrgentData()
        {
            using var t = Established();
            Assert.Equal(10, t.Engine.Send(t.Connection, Bytes(10), t.Now, urgent: true));
            t.Expect(new Seg(TcpFlags.Ack | TcpFlags.Psh | TcpFlags.Urg, t.Iss + 1, RemoteIss + 1, Payload: Bytes(10), UrgentPointer: 10));

            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 11 });
            t.Engine.Send(t.Connection, Bytes(5, 10), t.Now);
            t.Expect(Seg.Data with { Seq = t.Iss + 11, Ack = RemoteIss + 1, Payload = Bytes(5, 10) }); // urgent mode over
        }

        [Fact]
        [Trait("Requirement", "MUST-31")]
        [Trait("Requirement", "MUST-62")]
        public void UrgentDataLongerThanOneSegmentShouldMarkEverySegmentUpToIt()
        {
            using var t = Established();
            t.Engine.Send(t.Connection, Bytes(500), t.Now);
            t.Engine.Send(t.Connection, Bytes(2000, 500), t.Now, urgent: true); // urgent data ends at octet 2500

            t.Expect(new Seg(TcpFlags.Ack | TcpFlags.Urg, t.Iss + 1, RemoteIss + 1, Payload: Bytes(1000), UrgentPointer: 2500));
            t.Expect(new Seg(TcpFlags.Ack | TcpFlags.Urg, t.Iss + 1001, RemoteIss + 1, Payload: Bytes(1000, 1000), UrgentPointer: 1500));
            t.Expect(new Seg(TcpFlags.Ack | TcpFlags.Psh | TcpFlags.Urg, t.Iss + 2001, RemoteIss + 1, Payload: Bytes(500, 2000), UrgentPointer: 500));
        }

        [Fact]
        [Trait("Requirement", "MUST-30")]
        [Trait("Requirement", "MUST-32")]
        [Trait("Requirement", "MUST-33")]
        public void ReceivedUrgentDataShouldBeReportedAndReadInline()
        {
            using var t = Established();
            t.Send(Seg.Data with { Seq = RemoteIss + 1, Ack = t.Iss + 1, Payload = Bytes(4) });
            t.DrainNotifications();
            t.Send(Urgent(RemoteIss + 5, t.Iss + 1, Bytes(6, 4), pointer: 3)); // octets 4..6 urgent

            Assert.True(t.Notified(NotificationKind.Urgent));
            Assert.Equal(7, t.Status.UrgentBytes); // from the read position to the urgent pointer
            byte[] buffer = new byte[5];
            Assert.Equal(5, t.Engine.Read(t.Connection, buffer, t.Now));
            Assert.Equal(2, t.Status.UrgentBytes);
            Assert.Equal(Bytes(5, 5), t.ReadAll()); // inline, in order
            Assert.Equal(0, t.Status.UrgentBytes);
        }

        [Fact]
        [Trait("Requirement", "MUST-31")]
        [Trait("Requirement", "MUST-33")]
        public void UrgentPointerShouldOnlyMoveForwardAndMayPointPastTheData()
        {
            using var t = Established();
            t.Send(Urgent(RemoteIss + 1, t.Iss + 1, Bytes(10), pointer: 3000)); // more urgent data still to come
            Assert.Equal(3000, t.Status.UrgentBytes);
            t.Send(Urgent(RemoteIss + 11, t.Iss + 1, Bytes(10, 10), pointer: 5)); // an older pointer: ignored
            Assert.Equal(3000, t.Status.UrgentBytes);
            t.Send(Urgent(RemoteIss + 21, t.Iss + 1, Bytes(10, 20), pointer: 4000));
            Assert.Equal(4020, t.Status.UrgentBytes);
        }

        [Fact]
        [Trait("Requirement", "MUST-66")]
        [Trait("Requirement", "MUST-32")]
        public void UrgentSignalShouldBeTakenWhileOurWindowIsZero()
        {
            using var t = Established();
            for (int i = 0; i < 6; i++)
            {
                t.Send(Seg.AckOnly with { Seq = RemoteIss + 1 + (uint)(1000 * i), Ack = t.Iss + 1, Payload = Bytes(1000) });
            }

            t.DrainAll();
            t.DrainNotifications();
            t.Send(Urgent(RemoteIss + 6001, t.Iss + 1, Bytes(1), pointer: 1));

            Assert.True(t.Notified(NotificationKind.Urgent));
            Assert.Equal(6001, t.Status.UrgentBytes);
            t.Expect(Seg.AckOnly with { Seq = t.Iss + 1, Ack = RemoteIss + 6001, Window = 0 });
        }

        [Fact]
        public void TwoEnginesShouldCarryTheUrgentMarkAcross()
        {
            using var pair = new EnginePair(new TcpEngineOptions(), new TcpEngineOptions());
            (ConnectionHandle client, ConnectionHandle server) = pair.Open();
            pair.Client.Send(client, Bytes(100), pair.Now);
            pair.Client.Send(client, Bytes(1, 100), pair.Now, urgent: true);
            pair.Shuttle();

            Assert.Equal(101, pair.Server.GetStatus(server).UrgentBytes);
            byte[] buffer = new byte[200];
            Assert.Equal(101, pair.Server.Read(server, buffer, pair.Now));
            Assert.Equal(Bytes(101), buffer.AsSpan(0, 101).ToArray());
        }
    }
}
