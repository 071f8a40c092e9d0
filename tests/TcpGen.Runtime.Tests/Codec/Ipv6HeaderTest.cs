using System;
using TcpGen.Runtime.Codec;
using Xunit;

namespace TcpGen.Runtime.Tests.Codec
{
    /// <summary>IPv6 header and extension header chain (RFC 8200 3, 4; RFC 9293 3.9.2.3).</summary>
    public class Ipv6HeaderTest
    {
        [Fact]
        public void ValidHeaderShouldExposeItsFields()
        {
            byte[] packet = HandBuiltPacket.Ipv6(HandBuiltPacket.Tcp(payload: new byte[] { 9, 8, 7 }), trafficClass: 0xA2, flowLabel: 0xABCDE, hopLimit: 33);

            PacketParseResult result = PacketParser.Parse(packet, out TcpSegmentView segment);

            Assert.True(result.IsOk, result.ToString());
            Assert.Equal(IpVersion.V6, segment.IpVersion);
            Assert.Equal(IpAddress.Parse("2001:db8::1"), segment.Source);
            Assert.Equal(IpAddress.Parse("2001:db8::2"), segment.Destination);
            Assert.Equal(0xA2, segment.Ip.TrafficClass);
            Assert.Equal(0x02, segment.Ip.EcnCodepoint);
            Assert.Equal(0xABCDEu, segment.Ip.FlowLabel);
            Assert.Equal(33, segment.Ip.HopLimit);
            Assert.Equal(new byte[] { 9, 8, 7 }, segment.Payload.ToArray());
            Assert.Equal(0x20010db800000000ul, segment.Source.AsIpv6().High);
            Assert.Equal(1ul, segment.Source.AsIpv6().Low);
        }

        [Fact]
        public void ShortBufferShouldBeTruncatedHeader()
        {
            byte[] packet = HandBuiltPacket.Ipv6(HandBuiltPacket.Tcp());

            Assert.Equal(DropReason.TruncatedHeader, Ipv6Header.Parse(packet.AsSpan(0, 39), out _).DropReason);
        }

        [Fact]
        public void WrongVersionShouldBeBadIpVersion()
        {
            byte[] packet = HandBuiltPacket.Ipv6(HandBuiltPacket.Tcp());
            packet[0] = (byte)(0x40 | (packet[0] & 0x0F));

            Assert.Equal(DropReason.BadIpVersion, Ipv6Header.Parse(packet, out _).DropReason);
        }

        [Fact]
        public void PayloadLengthBeyondBufferShouldBeIpLengthMismatch()
        {
            byte[] packet = HandBuiltPacket.Ipv6(HandBuiltPacket.Tcp());

            Assert.Equal(DropReason.IpLengthMismatch, PacketParser.Parse(packet.AsSpan(0, packet.Length - 1), out _).DropReason);
        }

        [Fact]
        public void LinkPaddingAfterPayloadLengthShouldBeTrimmed()
        {
            byte[] packet = HandBuiltPacket.Ipv6(HandBuiltPacket.Tcp(payload: new byte[] { 5 }), trailingPadding: 9);

            Assert.True(PacketParser.Parse(packet, out TcpSegmentView segment).IsOk);
            Assert.Equal(new byte[] { 5 }, segment.Payload.ToArray());
        }

        [Fact]
        public void HopByHopRoutingAndDestinationOptionsShouldBeWalked()
        {
            // Hop-by-Hop (PadN), Routing type 4 with Segments Left 0, Destination Options (Pad1s and a skippable option).
            byte[] hopByHop = { IpProtocol.Routing, 0, 1, 4, 0, 0, 0, 0 };
            byte[] routing = { IpProtocol.DestinationOptions, 0, 4, 0, 0, 0, 0, 0 };
            byte[] destinationOptions = { IpProtocol.Tcp, 1, 0, 0, 0x1E, 2, 0xAA, 0xBB, 1, 6, 0, 0, 0, 0, 0, 0 };
            byte[] chain = Concat(hopByHop, routing, destinationOptions);
            byte[] packet = HandBuiltPacket.Ipv6(HandBuiltPacket.Tcp(payload: new byte[] { 42 }), firstNextHeader: IpProtocol.HopByHopOptions, extensionHeaders: chain);

            PacketParseResult result = PacketParser.Parse(packet, out TcpSegmentView segment);

            Assert.True(result.IsOk, result.ToString());
            Assert.Equal(40 + chain.Length, segment.Ip.Header.Length);
            Assert.Equal(new byte[] { 42 }, segment.Payload.ToArray());
        }

        [Fact]
        public void HopByHopAfterAnotherHeaderShouldBeMalformedExtensionHeader()
        {
            // RFC 8200 4.1: Hop-by-Hop only immediately after the IPv6 header.
            byte[] destinationOptions = { IpProtocol.HopByHopOptions, 0, 1, 4, 0, 0, 0, 0 };
            byte[] hopByHop = { IpProtocol.Tcp, 0, 1, 4, 0, 0, 0, 0 };
            byte[] packet = HandBuiltPacket.Ipv6(HandBuiltPacket.Tcp(), firstNextHeader: IpProtocol.DestinationOptions, extensionHeaders: Concat(destinationOptions, hopByHop));

            Assert.Equal(DropReason.MalformedExtensionHeader, PacketParser.Parse(packet, out _).DropReason);
        }

        [Fact]
        public void OptionOverrunningItsHeaderShouldBeMalformedExtensionHeader()
        {
            byte[] destinationOptions = { IpProtocol.Tcp, 0, 1, 9, 0, 0, 0, 0 };
            byte[] packet = HandBuiltPacket.Ipv6(HandBuiltPacket.Tcp(), firstNextHeader: IpProtocol.DestinationOptions, extensionHeaders: destinationOptions);

            Assert.Equal(DropReason.MalformedExtensionHeader, PacketParser.Parse(packet, out _).DropReason);
        }

        [Theory]
        [InlineData(0x42)] // 01: discard
        [InlineData(0xC2)] // 11: discard and report (the jumbo payload option)
        public void OptionThatMustNotBeSkippedShouldBeUnsupportedExtensionHeader(int optionType)
        {
            byte[] hopByHop = { IpProtocol.Tcp, 0, (byte)optionType, 4, 0, 0, 0, 0 };
            byte[] packet = HandBuiltPacket.Ipv6(HandBuiltPacket.Tcp(), firstNextHeader: IpProtocol.HopByHopOptions, extensionHeaders: hopByHop);

            Assert.Equal(DropReason.UnsupportedExtensionHeader, PacketParser.Parse(packet, out _).DropReason);
        }

        [Fact]
        public void RoutingHeaderWithSegmentsLeftShouldBeUnsupportedExtensionHeader()
        {
            byte[] routing = { IpProtocol.Tcp, 0, 4, 1, 0, 0, 0, 0 };
            byte[] packet = HandBuiltPacket.Ipv6(HandBuiltPacket.Tcp(), firstNextHeader: IpProtocol.Routing, extensionHeaders: routing);

            Assert.Equal(DropReason.UnsupportedExtensionHeader, PacketParser.Parse(packet, out _).DropReason);
        }

        [Theory]
        [InlineData(IpProtocol.EncapsulatingSecurityPayload)]
        [InlineData(IpProtocol.AuthenticationHeader)]
        [InlineData(IpProtocol.Mobility)]
        public void UnwalkedExtensionHeaderShouldBeUnsupportedExtensionHeader(byte nextHeader)
        {
            byte[] packet = HandBuiltPacket.Ipv6(HandBuiltPacket.Tcp(), firstNextHeader: nextHeader, extensionHeaders: new byte[8]);

            Assert.Equal(DropReason.UnsupportedExtensionHeader, PacketParser.Parse(packet, out _).DropReason);
        }

        [Fact]
        public void FragmentHeaderShouldBeIpFragment()
        {
            byte[] fragment = { IpProtocol.Tcp, 0, 0, 0, 0, 0, 0, 1 };
            byte[] packet = HandBuiltPacket.Ipv6(HandBuiltPacket.Tcp(), firstNextHeader: IpProtocol.Fragment, extensionHeaders: fragment);

            Assert.Equal(DropReason.IpFragment, PacketParser.Parse(packet, out _).DropReason);
        }

        [Fact]
        public void ExtensionHeaderPastPayloadShouldBeTruncatedHeader()
        {
            // Hdr Ext Len 3 claims 32 octets but the payload holds 8.
            byte[] destinationOptions = { IpProtocol.Tcp, 3, 1, 4, 0, 0, 0, 0 };
            byte[] packet = HandBuiltPacket.Ipv6(Array.Empty<byte>(), firstNextHeader: IpProtocol.DestinationOptions, extensionHeaders: destinationOptions);

            Assert.Equal(DropReason.TruncatedHeader, PacketParser.Parse(packet, out _).DropReason);
        }

        [Theory]
        [InlineData((byte)17)] // UDP
        [InlineData(IpProtocol.NoNextHeader)]
        public void NonTcpNextHeaderShouldBeNotTcp(byte nextHeader)
        {
            byte[] packet = HandBuiltPacket.Ipv6(HandBuiltPacket.Tcp(), firstNextHeader: nextHeader);

            Assert.Equal(DropReason.NotTcp, PacketParser.Parse(packet, out _).DropReason);
        }

        [Theory]
        [Trait("Requirement", "MUST-57")]
        [InlineData("ff02::1", "2001:db8::2")] // multicast source
        [InlineData("::", "2001:db8::2")] // unspecified source
        [InlineData("2001:db8::1", "ff02::1")] // multicast destination (MUST-57)
        [InlineData("2001:db8::1", "::")] // unspecified destination
        public void InvalidAddressShouldBeInvalidAddress(string source, string destination)
        {
            byte[] packet = HandBuiltPacket.Ipv6(HandBuiltPacket.Tcp(), source: Octets(source), destination: Octets(destination));

            Assert.Equal(DropReason.InvalidAddress, PacketParser.Parse(packet, out _).DropReason);
        }

        [Fact]
        public void LoopbackShouldBeAccepted()
        {
            byte[] packet = HandBuiltPacket.Ipv6(HandBuiltPacket.Tcp(), source: Octets("::1"), destination: Octets("::1"));

            Assert.True(PacketParser.Parse(packet, out TcpSegmentView segment).IsOk);
            Assert.True(segment.Destination.AsIpv6().IsLoopback);
            Assert.Equal(System.Net.IPAddress.IPv6Loopback, segment.Destination.ToIPAddress());
        }

        /// <summary>IPv6 text to octets.</summary>
        private static byte[] Octets(string address) => System.Net.IPAddress.Parse(address).GetAddressBytes();

        /// <summary>Joins extension headers into one chain.</summary>
        private static byte[] Concat(params byte[][] parts)
        {
            int length = 0;
            foreach (byte[] part in parts)
            {
                length += part.Length;
            }

            byte[] joined = new byte[length];
            int offset = 0;
            foreach (byte[] part in parts)
            {
                part.CopyTo(joined, offset);
                offset += part.Length;
            }

            return joined;
        }
    }
}
