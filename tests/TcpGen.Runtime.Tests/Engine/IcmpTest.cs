using System;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using Xunit;
using static TcpGen.Runtime.Tests.Engine.EngineHarness;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>
    /// ICMP errors about a connection (RFC 9293 3.9.2.2). The engine takes only TCP: ICMP packets are dropped and
    /// counted (NotTcp), so soft errors never abort a connection and Source Quench is discarded silently.
    /// </summary>
    public class IcmpTest
    {
        [Theory]
        [InlineData(4, 0)] // Source Quench
        [InlineData(3, 0)] // Destination Unreachable: net
        [InlineData(3, 1)] // host
        [InlineData(3, 5)] // source route failed
        [InlineData(11, 0)] // Time Exceeded
        [InlineData(12, 0)] // Parameter Problem
        [Trait("Requirement", "MUST-55")]
        [Trait("Requirement", "MUST-56")]
        public void SoftIcmpErrorsShouldNotAbortTheConnection(byte type, byte code)
        {
            using var t = Established();
            t.Engine.Send(t.Connection, Bytes(10), t.Now);
            byte[] sent = new byte[t.Engine.MaxPacketSize];
            Assert.True(t.Engine.TryDequeueOutgoing(sent, out int length));

            t.Engine.Receive(Icmp(type, code, sent.AsSpan(0, Math.Min(length, 28))), t.Now);

            t.ExpectNothing();
            Assert.Equal(TcpState.Established, t.State);
            Assert.Equal(1, t.Engine.Counters.Drops[DropReason.NotTcp]);
            t.Send(Seg.AckOnly with { Seq = RemoteIss + 1, Ack = t.Iss + 11 });
            Assert.Equal(8000, t.Status.SendBufferFree);
        }

        /// <summary>An IPv4 ICMP error from the peer quoting <paramref name="quoted"/>.</summary>
        private static byte[] Icmp(byte type, byte code, ReadOnlySpan<byte> quoted)
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
