using System;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using Xunit;
using static TcpGen.Runtime.Tests.Engine.EngineHarness;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>ICMP errors about a connection (RFC 9293 3.9.2.2): directed to it and reported, never aborting it.</summary>
    public class IcmpTest
    {
        [Theory]
        [InlineData(3, 0)] // Destination Unreachable: net
        [InlineData(3, 1)] // host
        [InlineData(3, 5)] // source route failed
        [InlineData(11, 0)] // Time Exceeded
        [InlineData(12, 0)] // Parameter Problem
        [Trait("Requirement", "MUST-54")]
        [Trait("Requirement", "MUST-56")]
        [Trait("Requirement", "SHLD-25")]
        public void IcmpErrorShouldBeReportedToItsConnectionWhichGoesOn(byte type, byte code)
        {
            using var t = Established();
            byte[] quoted = SendTenOctets(t);
            t.DrainNotifications();

            t.Engine.Receive(Icmp(type, code, quoted), t.Now);

            t.ExpectNothing();
            Assert.True(t.Notified(NotificationKind.IcmpError));
            Assert.Equal(new IcmpError(IpVersion.V4, type, code), t.Status.LastIcmpError);
            Assert.Equal(1, t.Engine.Counters.IcmpErrorsDirected);
            Assert.Equal(TcpState.Established, t.State);
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 11 });
            Assert.Equal(8000, t.Status.SendBufferFree);
        }

        [Fact]
        [Trait("Requirement", "MUST-55")]
        public void SourceQuenchShouldBeDiscardedSilently()
        {
            using var t = Established();
            byte[] quoted = SendTenOctets(t);
            t.DrainNotifications();

            t.Engine.Receive(Icmp(4, 0, quoted), t.Now);

            t.ExpectNothing();
            Assert.Empty(t.DrainNotifications());
            Assert.Equal(default, t.Status.LastIcmpError);
            Assert.Equal(1, t.Engine.Counters.IcmpErrorsIgnored);
            Assert.Equal(TcpState.Established, t.State);
        }

        [Fact]
        public void ErrorQuotingASequenceNumberWeDidNotSendShouldBeIgnored()
        {
            using var t = Established();
            byte[] quoted = SendTenOctets(t);
            quoted[24] ^= 0x80; // the quoted sequence number is now far outside SND.UNA..SND.MAX
            t.DrainNotifications();

            t.Engine.Receive(Icmp(3, 1, quoted), t.Now);

            Assert.Empty(t.DrainNotifications());
            Assert.Equal(1, t.Engine.Counters.IcmpErrorsIgnored);
        }

        [Fact]
        public void MalformedIcmpShouldBeDroppedAsNotTcp()
        {
            using var t = Established();
            byte[] quoted = SendTenOctets(t);
            t.Engine.Receive(Icmp(3, 1, quoted.AsSpan(0, 20)), t.Now); // no TCP header quoted
            Assert.Equal(1, t.Engine.Counters.Drops[DropReason.NotTcp]);
            Assert.Equal(TcpState.Established, t.State);
        }

        /// <summary>Sends ten octets and returns the first 28 octets of the packet (IP header and start of TCP), as ICMP quotes them.</summary>
        private static byte[] SendTenOctets(EngineHarness t)
        {
            t.Engine.Send(t.Connection, Bytes(10), t.Now);
            byte[] sent = new byte[t.Engine.MaxPacketSize];
            Assert.True(t.Engine.TryDequeueOutgoing(sent, out int length));
            return sent.AsSpan(0, Math.Min(length, 28)).ToArray();
        }

        /// <summary>An IPv4 ICMP error from the peer quoting <paramref name="quoted"/>.</summary>
        internal static byte[] Icmp(byte type, byte code, ReadOnlySpan<byte> quoted)
        {
            byte[] packet = new byte[20 + 8 + quoted.Length];
            packet[0] = 0x45;
            packet[2] = (byte)(packet.Length >> 8);
            packet[3] = (byte)packet.Length;
            packet[8] = 64;
            packet[9] = 1; // ICMP
            new byte[] { 198, 18, 0, 2 }.CopyTo(packet, 12);
            new byte[] { 198, 18, 0, 1 }.CopyTo(packet, 16);
            ushort ipChecksum = Checksum(packet.AsSpan(0, 20));
            packet[10] = (byte)(ipChecksum >> 8);
            packet[11] = (byte)ipChecksum;
            packet[20] = type;
            packet[21] = code;
            quoted.CopyTo(packet.AsSpan(28));
            ushort icmpChecksum = Checksum(packet.AsSpan(20));
            packet[22] = (byte)(icmpChecksum >> 8);
            packet[23] = (byte)icmpChecksum;
            return packet;
        }

        /// <summary>The Internet checksum (RFC 1071) of <paramref name="data"/>.</summary>
        private static ushort Checksum(ReadOnlySpan<byte> data)
        {
            uint sum = 0;
            for (int i = 0; i + 1 < data.Length; i += 2)
            {
                sum += (uint)((data[i] << 8) | data[i + 1]);
            }

            if ((data.Length & 1) != 0)
            {
                sum += (uint)(data[^1] << 8);
            }

            while (sum > 0xFFFF)
            {
                sum = (sum & 0xFFFF) + (sum >> 16);
            }

            return (ushort)~sum;
        }
    }
}
