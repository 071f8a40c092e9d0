using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using CsCheck;
using TcpGen.Runtime.Codec;
using Xunit;

namespace TcpGen.Runtime.Tests.Codec
{
    /// <summary>Bad input never crashes: every failure is a named <see cref="DropReason"/> (MUST-7, MUST-3).</summary>
    public class MalformedPacketTest
    {
        /// <summary>One hand-built packet per drop reason, each provoking exactly that reason.</summary>
        private static readonly Dictionary<DropReason, Func<byte[]>> PacketPerReason = new()
        {
            [DropReason.TruncatedHeader] = () => HandBuiltPacket.Ipv4(HandBuiltPacket.Tcp()).AsSpan(0, 12).ToArray(),
            [DropReason.BadIpVersion] = () => { byte[] p = HandBuiltPacket.Ipv4(HandBuiltPacket.Tcp()); p[0] = 0x75; return p; },
            [DropReason.BadIpHeaderLength] = () => { byte[] p = HandBuiltPacket.Ipv4(HandBuiltPacket.Tcp()); p[0] = 0x43; return p; },
            [DropReason.BadIpHeaderChecksum] = () => { byte[] p = HandBuiltPacket.Ipv4(HandBuiltPacket.Tcp()); p[10] ^= 0xFF; return p; },
            [DropReason.IpLengthMismatch] = () => { byte[] p = HandBuiltPacket.Ipv4(HandBuiltPacket.Tcp()); return p.AsSpan(0, p.Length - 1).ToArray(); },
            [DropReason.IpFragment] = () => HandBuiltPacket.Ipv4(HandBuiltPacket.Tcp(), flagsAndOffset: 0x2000),
            [DropReason.NotTcp] = () => HandBuiltPacket.Ipv4(HandBuiltPacket.Tcp(), protocol: 1),
            [DropReason.InvalidAddress] = () => HandBuiltPacket.Ipv4(HandBuiltPacket.Tcp(), destination: new byte[] { 255, 255, 255, 255 }),
            [DropReason.UnsupportedExtensionHeader] = () => HandBuiltPacket.Ipv6(HandBuiltPacket.Tcp(), firstNextHeader: IpProtocol.AuthenticationHeader, extensionHeaders: new byte[16]),
            [DropReason.MalformedExtensionHeader] = () => HandBuiltPacket.Ipv6(HandBuiltPacket.Tcp(), firstNextHeader: IpProtocol.HopByHopOptions, extensionHeaders: new byte[] { 6, 0, 1, 200, 0, 0, 0, 0 }),
            [DropReason.DataOffsetOutOfRange] = () => HandBuiltPacket.Ipv4(HandBuiltPacket.Tcp(dataOffsetWords: 15)),
            [DropReason.BadChecksum] = () => { byte[] p = HandBuiltPacket.Ipv6(HandBuiltPacket.Tcp()); p[^1] ^= 1; return p; },
            [DropReason.IllegalOptionLength] = () => HandBuiltPacket.Ipv6(HandBuiltPacket.Tcp(options: new byte[] { 8, 1, 0, 0 })),
        };

        [Fact]
        public void EveryDropReasonShouldBeProvokedBySomePacket()
        {
            var counters = new DropCounters();
            foreach (DropReason reason in Enum.GetValues<DropReason>())
            {
                if (reason == DropReason.None)
                {
                    continue;
                }

                Assert.True(PacketPerReason.ContainsKey(reason), "no packet provokes " + reason);
                PacketParseResult result = PacketParser.Parse(PacketPerReason[reason](), out _);
                Assert.Equal(reason, result.DropReason);
                Assert.False(counters.Record(result));
                Assert.Equal(1, counters[reason]);
            }

            Assert.Equal(DropReasonNames.Count - 1, counters.Total);
        }

        [Fact]
        public void RandomBytesShouldParseOrYieldANamedReason()
        {
            // Half the inputs start like an IPv4 or IPv6 header so the property reaches past the version check.
            Gen<byte[]> inputs = Gen.Select(Gen.Byte.Array[0, 120], Gen.Int[0, 3], (bytes, prefix) =>
            {
                if (bytes.Length > 0 && prefix == 1)
                {
                    bytes[0] = 0x45;
                }
                else if (bytes.Length > 0 && prefix == 2)
                {
                    bytes[0] = 0x60;
                }

                return bytes;
            });
            inputs.Sample(bytes => AssertParsesOrNamesReason(bytes), iter: 20000);
        }

        [Fact]
        public void MutatedValidPacketsShouldParseOrYieldANamedReason()
        {
            Gen<(byte[] Packet, (int Offset, byte Value)[] Edits, int Cut, bool Repair)> inputs =
                Gen.Select(
                    ValidPacket,
                    Gen.Select(Gen.Int[0, 200], Gen.Byte).Array[1, 4],
                    Gen.Int[0, 8],
                    Gen.Bool);
            inputs.Sample(input =>
            {
                byte[] packet = input.Packet;
                foreach ((int offset, byte value) in input.Edits)
                {
                    packet[offset % packet.Length] = value;
                }

                if (input.Repair)
                {
                    // Valid checksums over broken fields push the parser past the checksum checks.
                    RepairChecksums(packet);
                }

                int length = input.Cut == 0 ? packet.Length - (input.Edits[0].Offset % packet.Length) : packet.Length;
                AssertParsesOrNamesReason(packet.AsSpan(0, length));
            }, iter: 20000);
        }

        [Fact]
        [Trait("Requirement", "MUST-7")]
        public void RandomOptionBytesInAValidSegmentShouldOnlyEverBeIllegalOptionLength()
        {
            // MUST-7: whatever the option octets, the segment parses or is dropped for its option length.
            Gen<(byte[] Options, bool V6)> inputs = Gen.Select(Gen.Int[0, 10].SelectMany(words => Gen.Byte.Array[words * 4]), Gen.Bool);
            inputs.Sample(input =>
            {
                byte[] tcp = HandBuiltPacket.Tcp(flags: 0x10, options: input.Options, payload: new byte[] { 1, 2, 3 });
                byte[] packet = input.V6 ? HandBuiltPacket.Ipv6(tcp) : HandBuiltPacket.Ipv4(tcp);

                PacketParseResult result = PacketParser.Parse(packet, out TcpSegmentView segment);

                Assert.True(result.IsOk || result.DropReason == DropReason.IllegalOptionLength, result.ToString());
                if (result.IsOk)
                {
                    Assert.Equal(new byte[] { 1, 2, 3 }, segment.Payload.ToArray());
                }
            }, iter: 20000);
        }

        /// <summary>Valid v4/v6 packets with options and data, written by the builder.</summary>
        private static Gen<byte[]> ValidPacket =>
            Gen.Select(Gen.Bool, Gen.Byte.Array[0, 60], Gen.Byte, (v6, data, flags) =>
            {
                var options = new TcpOptions { MaximumSegmentSize = 1440, WindowScale = 9, SackPermitted = true, Timestamps = new TcpTimestamps(3, 4) };
                options.TryAddSackBlock(new SackBlock(1, 2));
                var outgoing = new OutgoingSegment
                {
                    Source = IpAddress.Parse(v6 ? "2001:db8::1" : "192.0.2.1"),
                    Destination = IpAddress.Parse(v6 ? "2001:db8::2" : "198.51.100.2"),
                    SourcePort = 5000,
                    DestinationPort = 6000,
                    Flags = (TcpFlags)flags,
                    Window = 1000,
                    Options = options,
                };
                byte[] buffer = new byte[SegmentBuilder.GetLength(outgoing, data.Length)];
                SegmentBuilder.Write(buffer, outgoing, data);
                return buffer;
            });

        /// <summary>Parsing must not throw; a failure must be a defined, non-None reason; a success must expose sane views.</summary>
        private static void AssertParsesOrNamesReason(ReadOnlySpan<byte> packet)
        {
            PacketParseResult result = PacketParser.Parse(packet, out TcpSegmentView segment);
            if (!result.IsOk)
            {
                Assert.True(Enum.IsDefined(result.DropReason), result.DropReason.ToString());
                Assert.NotEqual("Unknown", DropReasonNames.Name(result.DropReason));
                return;
            }

            // Reading every field of an accepted segment must be safe too.
            Assert.True(segment.Source.Version is IpVersion.V4 or IpVersion.V6);
            Assert.Equal(segment.Source.Version, segment.Destination.Version);
            Assert.InRange(segment.HeaderLength, 20, 60);
            Assert.InRange(segment.Payload.Length, 0, packet.Length);
            Assert.Equal(segment.HeaderLength - 20, segment.RawOptions.Length);
            _ = segment.SourcePort + segment.DestinationPort + segment.SequenceNumber + segment.AcknowledgmentNumber;
            _ = segment.Window + segment.UrgentPointer + segment.Checksum + segment.SequenceLength + (int)segment.Flags;
            _ = segment.Ip.TrafficClass + segment.Ip.HopLimit + segment.Ip.FlowLabel + segment.Ip.Identification;
            Assert.InRange(segment.Options.SackBlockCount, 0, TcpOptions.MaxSackBlocks);
        }

        /// <summary>Best-effort checksum repair that tolerates any garbage in the length fields.</summary>
        private static void RepairChecksums(byte[] packet)
        {
            if (packet.Length >= 20 && packet[0] >> 4 == 4)
            {
                int headerLength = (packet[0] & 0x0F) * 4;
                if (headerLength < 20 || headerLength > packet.Length)
                {
                    return;
                }

                int totalLength = BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(2));
                if (totalLength >= headerLength + 18 && totalLength <= packet.Length)
                {
                    Span<byte> segment = packet.AsSpan(headerLength, totalLength - headerLength);
                    segment[16] = 0;
                    segment[17] = 0;
                    BinaryPrimitives.WriteUInt16BigEndian(segment.Slice(16), ReferenceChecksum.TcpOverIpv4(packet.AsSpan(12, 4), packet.AsSpan(16, 4), segment));
                }

                packet[10] = 0;
                packet[11] = 0;
                BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), (ushort)~ReferenceChecksum.Sum(packet.AsSpan(0, headerLength)));
            }
            else if (packet.Length >= 40 && packet[0] >> 4 == 6 && packet[6] == IpProtocol.Tcp)
            {
                int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(4));
                if (payloadLength >= 18 && 40 + payloadLength <= packet.Length)
                {
                    Span<byte> segment = packet.AsSpan(40, payloadLength);
                    segment[16] = 0;
                    segment[17] = 0;
                    BinaryPrimitives.WriteUInt16BigEndian(segment.Slice(16), ReferenceChecksum.TcpOverIpv6(packet.AsSpan(8, 16), packet.AsSpan(24, 16), segment));
                }
            }
        }
    }
}
