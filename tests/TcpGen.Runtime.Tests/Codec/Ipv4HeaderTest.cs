using System;
using TcpGen.Runtime.Codec;
using Xunit;

namespace TcpGen.Runtime.Tests.Codec
{
    /// <summary>IPv4 header validation (RFC 791 3.1; RFC 1122 3.2.1.3; RFC 9293 3.9.2.3).</summary>
    public class Ipv4HeaderTest
    {
        [Fact]
        public void ValidHeaderShouldExposeItsFields()
        {
            byte[] packet = HandBuiltPacket.Ipv4(HandBuiltPacket.Tcp(), timeToLive: 57, typeOfService: 0xB9, identification: 0xBEEF);

            PacketParseResult result = Ipv4Header.Parse(packet, out IpPacketView view);

            Assert.True(result.IsOk, result.ToString());
            Assert.Equal(IpVersion.V4, view.Version);
            Assert.Equal(IpAddress.Parse("192.0.2.1"), view.Source);
            Assert.Equal(IpAddress.Parse("198.51.100.2"), view.Destination);
            Assert.Equal(57, view.HopLimit);
            Assert.Equal(0xB9, view.TrafficClass);
            Assert.Equal(0x01, view.EcnCodepoint);
            Assert.Equal(0xBEEF, view.Identification);
            Assert.True(view.DontFragment);
            Assert.Equal(IpProtocol.Tcp, view.Protocol);
            Assert.Equal(20, view.Header.Length);
            Assert.True(view.Payload.SequenceEqual(packet.AsSpan(20)));
        }

        [Fact]
        public void LinkPaddingAfterTotalLengthShouldBeTrimmed()
        {
            // Ethernet pads short frames to 60 octets; the extra bytes are not part of the datagram.
            byte[] packet = HandBuiltPacket.Ipv4(HandBuiltPacket.Tcp(), trailingPadding: 6);

            Assert.True(PacketParser.Parse(packet, out TcpSegmentView segment).IsOk);
            Assert.Equal(20, segment.Ip.Payload.Length);
            Assert.Equal(0, segment.Payload.Length);
        }

        [Fact]
        [Trait("Requirement", "MUST-50")]
        public void IpOptionsShouldBeSkippedViaHeaderLength()
        {
            // MUST-50: TCP ignores IP options it does not understand; here NOP NOP NOP EOL (one word).
            byte[] segment = HandBuiltPacket.Tcp(payload: new byte[] { 1, 2, 3 });
            byte[] packet = HandBuiltPacket.Ipv4(segment, ipOptions: new byte[] { 1, 1, 1, 0 });

            Assert.True(PacketParser.Parse(packet, out TcpSegmentView view).IsOk);
            Assert.Equal(24, view.Ip.Header.Length);
            Assert.Equal(new byte[] { 1, 2, 3 }, view.Payload.ToArray());
        }

        [Fact]
        public void ShortBufferShouldBeTruncatedHeader()
        {
            byte[] packet = HandBuiltPacket.Ipv4(HandBuiltPacket.Tcp());

            Assert.Equal(DropReason.TruncatedHeader, Ipv4Header.Parse(packet.AsSpan(0, 19), out _).DropReason);
        }

        [Fact]
        public void WrongVersionShouldBeBadIpVersion()
        {
            byte[] packet = HandBuiltPacket.Ipv4(HandBuiltPacket.Tcp());
            packet[0] = (byte)(0x50 | (packet[0] & 0x0F));
            HandBuiltPacket.FixIpv4HeaderChecksum(packet);

            Assert.Equal(DropReason.BadIpVersion, Ipv4Header.Parse(packet, out _).DropReason);
            Assert.Equal(DropReason.BadIpVersion, PacketParser.Parse(packet, out _).DropReason);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(4)]
        public void HeaderLengthBelowFiveWordsShouldBeBadIpHeaderLength(int words)
        {
            byte[] packet = HandBuiltPacket.Ipv4(HandBuiltPacket.Tcp());
            packet[0] = (byte)(0x40 | words);

            Assert.Equal(DropReason.BadIpHeaderLength, PacketParser.Parse(packet, out _).DropReason);
        }

        [Fact]
        public void HeaderLengthBeyondBufferShouldBeTruncatedHeader()
        {
            byte[] packet = HandBuiltPacket.Ipv4(HandBuiltPacket.Tcp());

            // IHL 15 = 60 octets, but only 30 arrived.
            byte[] shortPacket = packet.AsSpan(0, 30).ToArray();
            shortPacket[0] = 0x4F;

            Assert.Equal(DropReason.TruncatedHeader, PacketParser.Parse(shortPacket, out _).DropReason);
        }

        [Fact]
        public void CorruptedHeaderShouldBeBadIpHeaderChecksum()
        {
            byte[] packet = HandBuiltPacket.Ipv4(HandBuiltPacket.Tcp());
            packet[8] ^= 0x01; // TTL changed without fixing the checksum

            Assert.Equal(DropReason.BadIpHeaderChecksum, PacketParser.Parse(packet, out _).DropReason);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(100)]
        public void TotalLengthLongerThanBufferShouldBeIpLengthMismatch(int extra)
        {
            byte[] packet = HandBuiltPacket.Ipv4(HandBuiltPacket.Tcp());
            SetTotalLength(packet, packet.Length + extra);

            Assert.Equal(DropReason.IpLengthMismatch, PacketParser.Parse(packet, out _).DropReason);
        }

        [Fact]
        public void TotalLengthShorterThanHeaderShouldBeIpLengthMismatch()
        {
            byte[] packet = HandBuiltPacket.Ipv4(HandBuiltPacket.Tcp());
            SetTotalLength(packet, 19);

            Assert.Equal(DropReason.IpLengthMismatch, PacketParser.Parse(packet, out _).DropReason);
        }

        [Theory]
        [InlineData(0x2000)] // MF, offset 0: first fragment
        [InlineData(0x0001)] // offset 8 octets: later fragment
        [InlineData(0x00B9)] // last fragment
        public void FragmentShouldBeIpFragment(int flagsAndOffset)
        {
            byte[] packet = HandBuiltPacket.Ipv4(HandBuiltPacket.Tcp(), flagsAndOffset: (ushort)flagsAndOffset);

            Assert.Equal(DropReason.IpFragment, PacketParser.Parse(packet, out _).DropReason);
        }

        [Fact]
        public void DontFragmentAloneShouldNotBeAFragment()
        {
            Assert.True(PacketParser.Parse(HandBuiltPacket.Ipv4(HandBuiltPacket.Tcp(), flagsAndOffset: 0x4000), out _).IsOk);
            Assert.True(PacketParser.Parse(HandBuiltPacket.Ipv4(HandBuiltPacket.Tcp(), flagsAndOffset: 0x0000), out _).IsOk);
        }

        [Fact]
        public void NonTcpProtocolShouldPassIpLayerButBeNotTcp()
        {
            byte[] packet = HandBuiltPacket.Ipv4(HandBuiltPacket.Tcp(), protocol: 17);

            Assert.True(PacketParser.ParseIp(packet, out IpPacketView view).IsOk);
            Assert.Equal(17, view.Protocol);
            Assert.Equal(DropReason.NotTcp, PacketParser.Parse(packet, out _).DropReason);
        }

        [Theory]
        [Trait("Requirement", "MUST-63")]
        [InlineData("255.255.255.255")] // limited broadcast (RFC 1122 (c))
        [InlineData("224.0.0.1")] // multicast
        [InlineData("239.255.255.250")] // multicast
        [InlineData("0.0.0.0")] // unspecified (RFC 1122 (a))
        [InlineData("0.1.2.3")] // this network (RFC 1122 (b))
        public void InvalidSourceShouldBeInvalidAddress(string source)
        {
            // MUST-63 (RFC 9293 3.9.2.3 applies it to every segment, not only SYNs).
            byte[] packet = HandBuiltPacket.Ipv4(HandBuiltPacket.Tcp(), source: Octets(source));

            Assert.Equal(DropReason.InvalidAddress, PacketParser.Parse(packet, out _).DropReason);
        }

        [Theory]
        [Trait("Requirement", "MUST-57")]
        [InlineData("255.255.255.255")]
        [InlineData("224.0.0.251")]
        [InlineData("0.0.0.0")]
        public void BroadcastOrMulticastDestinationShouldBeInvalidAddress(string destination)
        {
            // MUST-57: silently discard a SYN to a broadcast or multicast address.
            byte[] packet = HandBuiltPacket.Ipv4(HandBuiltPacket.Tcp(), destination: Octets(destination));

            Assert.Equal(DropReason.InvalidAddress, PacketParser.Parse(packet, out _).DropReason);
        }

        [Fact]
        public void LoopbackShouldBeAccepted()
        {
            // Documented decision: the codec cannot see interfaces, so 127/8 is accepted (tests run over loopback).
            byte[] packet = HandBuiltPacket.Ipv4(HandBuiltPacket.Tcp(), source: Octets("127.0.0.1"), destination: Octets("127.0.0.1"));

            Assert.True(PacketParser.Parse(packet, out TcpSegmentView segment).IsOk);
            Assert.True(segment.Source.AsIpv4().IsLoopback);
        }

        [Fact]
        public void AddressShouldConvertToIPAddressForLogs()
        {
            byte[] packet = HandBuiltPacket.Ipv4(HandBuiltPacket.Tcp());
            Assert.True(PacketParser.Parse(packet, out TcpSegmentView segment).IsOk);

            Assert.Equal(System.Net.IPAddress.Parse("192.0.2.1"), segment.Source.ToIPAddress());
            Assert.Equal("198.51.100.2", segment.Destination.ToString());
            Assert.Equal(0xC0000201u, segment.Source.AsIpv4().Value);
        }

        /// <summary>Rewrites Total Length and repairs the header checksum so only the length is wrong.</summary>
        private static void SetTotalLength(byte[] packet, int totalLength)
        {
            packet[2] = (byte)(totalLength >> 8);
            packet[3] = (byte)totalLength;
            HandBuiltPacket.FixIpv4HeaderChecksum(packet);
        }

        /// <summary>Dotted quad to octets.</summary>
        private static byte[] Octets(string address) => System.Net.IPAddress.Parse(address).GetAddressBytes();
    }
}
