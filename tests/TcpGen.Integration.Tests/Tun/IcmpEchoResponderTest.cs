using System;
using System.Buffers.Binary;
using System.Threading;
using TcpGen.Integration.Tests.Infrastructure;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Links;
using Xunit;

namespace TcpGen.Integration.Tests.Tun
{
    /// <summary>Ping answered by the ICMP echo decorator: built packets checked field by field, and the kernel's own ping over a TUN.</summary>
    public sealed class IcmpEchoResponderTest
    {
        [Fact]
        public void Ipv4EchoRequestShouldBeAnsweredWithValidReplyAndNotPassedOn()
        {
            using var inner = new QueueLink();
            byte[] request = Ipv4EchoRequest(identifier: 0x1234, sequence: 7, data: "hello"u8.ToArray());
            inner.Incoming.Enqueue(request);
            using var responder = new IcmpEchoResponder(inner);

            Assert.False(responder.TryReceive(new byte[1500], out _));

            byte[] reply = Assert.Single(inner.Sent);
            Assert.Equal(1, responder.EchoRequestsAnswered);
            Assert.True(PacketParser.ParseIp(reply, out IpPacketView ip).IsOk);
            Assert.Equal(IpAddress.Parse("198.18.0.2"), ip.Source);
            Assert.Equal(IpAddress.Parse("198.18.0.1"), ip.Destination);
            Assert.Equal(0, ip.Payload[0]);
            Assert.True(InternetChecksum.Verify(ip.Payload));
            Assert.Equal(request.AsSpan(24).ToArray(), ip.Payload.Slice(4).ToArray());
        }

        [Fact]
        public void Ipv6EchoRequestShouldBeAnsweredWithPseudoHeaderChecksum()
        {
            using var inner = new QueueLink();
            inner.Incoming.Enqueue(Ipv6EchoRequest());
            using var responder = new IcmpEchoResponder(inner);

            Assert.False(responder.TryReceive(new byte[1500], out _));

            byte[] reply = Assert.Single(inner.Sent);
            Assert.True(PacketParser.ParseIp(reply, out IpPacketView ip).IsOk);
            Assert.Equal(129, ip.Payload[0]);
            Assert.Equal(IpAddress.Parse("2001:db8::2"), ip.Source);
            ChecksumAccumulator checksum = ip.CreatePseudoHeaderChecksum();
            checksum.Add(ip.Payload);
            Assert.True(checksum.IsValid);
        }

        [Fact]
        public void EchoRequestWithBadChecksumShouldBePassedOnUnanswered()
        {
            using var inner = new QueueLink();
            byte[] request = Ipv4EchoRequest(1, 1, new byte[8]);
            request[^1] ^= 0xFF;
            inner.Incoming.Enqueue(request);
            using var responder = new IcmpEchoResponder(inner);
            byte[] buffer = new byte[1500];

            Assert.True(responder.TryReceive(buffer, out int length));

            Assert.Equal(request, buffer.AsSpan(0, length).ToArray());
            Assert.Empty(inner.Sent);
            Assert.Equal(0, responder.EchoRequestsAnswered);
        }

        [Fact]
        public void EchoReplyAndTcpShouldBePassedOnUnchanged()
        {
            using var inner = new QueueLink();
            byte[] reply = Ipv4EchoRequest(1, 1, new byte[8]);
            reply[20] = 0;
            BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(22), 0);
            BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(22), InternetChecksum.Compute(reply.AsSpan(20)));
            inner.Incoming.Enqueue(reply);
            using var responder = new IcmpEchoResponder(inner);
            byte[] buffer = new byte[1500];

            Assert.True(responder.TryReceive(buffer, out int length));

            Assert.Equal(reply, buffer.AsSpan(0, length).ToArray());
            Assert.Empty(inner.Sent);
        }

        [KernelFact]
        public void KernelPingShouldBeAnsweredOverTun()
        {
            using TunTestbed testbed = TunTestbed.Create();
            var responder = new IcmpEchoResponder(testbed.Link);
            var drops = new DropCounters();
            using var stop = new CancellationTokenSource();
            var pump = new Thread(() =>
            {
                byte[] buffer = new byte[testbed.Link.Mtu];
                while (!stop.IsCancellationRequested)
                {
                    responder.WaitReceivable(TimeSpan.FromMilliseconds(200));
                    while (responder.TryReceive(buffer, out int length))
                    {
                        PacketParseResult result = PacketParser.Parse(buffer.AsSpan(0, length), out _);
                        drops.Increment(result.DropReason);
                    }
                }
            });
            pump.Start();
            try
            {
                using KernelPeerProcess peer = testbed.StartPeer("ping", "--address", TunTestbed.StackAddress, "--count", "3");
                Assert.Contains("replies=3", peer.WaitForOutput(TimeSpan.FromSeconds(30)));
            }
            finally
            {
                stop.Cancel();
                pump.Join();
            }

            Assert.Equal(3, responder.EchoRequestsAnswered);
        }

        /// <summary>An IPv4 ICMP echo request 198.18.0.1 → 198.18.0.2 with valid checksums.</summary>
        private static byte[] Ipv4EchoRequest(ushort identifier, ushort sequence, byte[] data)
        {
            byte[] packet = new byte[20 + 8 + data.Length];
            packet[0] = 0x45;
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
            packet[8] = 64;
            packet[9] = 1;
            new byte[] { 198, 18, 0, 1, 198, 18, 0, 2 }.CopyTo(packet, 12);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), InternetChecksum.Compute(packet.AsSpan(0, 20)));
            packet[20] = 8;
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(24), identifier);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(26), sequence);
            data.CopyTo(packet, 28);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(22), InternetChecksum.Compute(packet.AsSpan(20)));
            return packet;
        }

        /// <summary>An ICMPv6 echo request 2001:db8::1 → 2001:db8::2 (documentation prefix; never sent anywhere) with a valid checksum.</summary>
        private static byte[] Ipv6EchoRequest()
        {
            byte[] packet = new byte[40 + 16];
            packet[0] = 0x60;
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), 16);
            packet[6] = 58;
            packet[7] = 64;
            System.Net.IPAddress.Parse("2001:db8::1").GetAddressBytes().CopyTo(packet, 8);
            System.Net.IPAddress.Parse("2001:db8::2").GetAddressBytes().CopyTo(packet, 24);
            packet[40] = 128;
            ChecksumAccumulator checksum = ChecksumAccumulator.ForIpv6PseudoHeader(
                Ipv6Address.Read(packet.AsSpan(8)), Ipv6Address.Read(packet.AsSpan(24)), 58, 16);
            checksum.Add(packet.AsSpan(40));
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(42), checksum.Checksum);
            return packet;
        }
    }
}
