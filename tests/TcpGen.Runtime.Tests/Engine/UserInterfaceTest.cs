using System;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using Xunit;
using static TcpGen.Runtime.Tests.Engine.EngineHarness;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>What the user interface offers (RFC 9293 3.9.1, 3.9.2): local address, errors, Diffserv, TTL, MSS.</summary>
    public class UserInterfaceTest
    {
        [Fact]
        [Trait("Requirement", "MUST-43")]
        public void OpenShouldTakeTheLocalAddressAndPortGiven()
        {
            using var t = new EngineHarness();
            ConnectionHandle connection = t.Engine.Connect(new Endpoint(IpAddress.Parse("198.18.0.9"), 0), Remote, t.Now);
            Assert.True(connection.IsValid);
            Assert.Equal(IpAddress.Parse("198.18.0.9"), t.Engine.GetStatus(connection).Local.Address);
            Assert.NotEqual(0, t.Engine.GetStatus(connection).Local.Port); // port 0: an ephemeral one is chosen
        }

        [Fact]
        [Trait("Requirement", "MUST-45")]
        public void ConnectionFromAWildcardListenerShouldUseTheAddressTheSynWasSentTo()
        {
            using var t = new EngineHarness();
            ConnectionHandle listener = t.Engine.Listen(new Endpoint(default, LocalPort));
            Assert.True(listener.IsValid);
            IpAddress second = IpAddress.Parse("198.18.0.77");
            t.Engine.Receive(Packet(Seg.Syn with { Seq = RemoteIss, Mss = 1000 }, RemoteAddress, second, RemotePort, LocalPort), t.Now);

            byte[] packet = new byte[t.Engine.MaxPacketSize];
            Assert.True(t.Engine.TryDequeueOutgoing(packet, out int length));
            Assert.True(PacketParser.Parse(packet.AsSpan(0, length), out TcpSegmentView view).IsOk);
            Assert.Equal(second, view.Source);
            Assert.Equal(RemoteAddress, view.Destination);
        }

        [Fact]
        [Trait("Requirement", "MUST-47")]
        public void FailedCallsShouldReportWhy()
        {
            using var t = Established();
            t.Engine.Close(t.Connection, t.Now);
            t.Engine.Send(t.Connection, Bytes(5), t.Now);
            Assert.Equal(TcpError.ConnectionClosing, t.Engine.LastError);
            t.Engine.Send(new ConnectionHandle(999, 0), Bytes(5), t.Now);
            Assert.Equal(TcpError.ConnectionDoesNotExist, t.Engine.LastError);
            t.Engine.Send(t.Listener, Bytes(5), t.Now);
            Assert.Equal(TcpError.RemoteUnspecified, t.Engine.LastError);
            Assert.False(t.Engine.Connect(Local, new Endpoint(IpAddress.Parse("224.0.0.1"), 80), t.Now).IsValid);
            Assert.Equal(TcpError.InvalidAddress, t.Engine.LastError);
        }

        [Fact]
        [Trait("Requirement", "MUST-48")]
        [Trait("Requirement", "SHLD-21")]
        public void DiffservFieldShouldBeSettablePerConnection()
        {
            using var t = Established(o => o.TrafficClass = 0x20);
            t.Engine.Send(t.Connection, Bytes(5), t.Now);
            Assert.Equal(0x20, NextIpv4(t)[1]);

            t.Engine.SetTrafficClass(t.Connection, 0xB8); // EF
            t.Engine.Send(t.Connection, Bytes(5), t.Now);
            Assert.Equal(0xB8, NextIpv4(t)[1]);
        }

        [Fact]
        [Trait("Requirement", "MUST-49")]
        public void TtlShouldBeConfigurable()
        {
            using var t = Established(o => o.HopLimit = 17);
            t.Engine.Send(t.Connection, Bytes(5), t.Now);
            Assert.Equal(17, NextIpv4(t)[8]);
            t.Engine.Abort(t.Connection, t.Now);
            Assert.Equal(17, NextIpv4(t)[8]); // resets too
        }

        [Fact]
        [Trait("Requirement", "MUST-67")]
        public void AnnouncedMssShouldBeTheConfiguredOneFromTheLinkMtu()
        {
            // The host derives MaxSegmentSize from what the link can reassemble (MMS_R - 20); the SYN announces exactly that.
            using var t = new EngineHarness(o => o.MaxSegmentSize = 1400 - 40);
            Seg syn = t.Connect();
            Assert.Equal((ushort)1360, syn.Mss);
        }

        /// <summary>The next packet's raw IPv4 header octets.</summary>
        private static byte[] NextIpv4(EngineHarness t)
        {
            byte[] packet = new byte[t.Engine.MaxPacketSize];
            Assert.True(t.Engine.TryDequeueOutgoing(packet, out int length));
            Assert.Equal(0x45, packet[0]);
            return packet.AsSpan(0, length).ToArray();
        }
    }
}
