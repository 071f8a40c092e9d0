using System;
using TcpGen.Runtime.Codec;

namespace TcpGen.Runtime.Tests.Capture
{
    /// <summary>Real TCP/IP packets for the capture tests, built by the runtime's codec.</summary>
    public static class CapturePackets
    {
        /// <summary>An IPv4 TCP segment 198.18.0.1:40000 → 198.18.0.2:80 with the given fields and payload.</summary>
        public static byte[] Ipv4(uint seq, uint ack, TcpFlags flags, int payloadLength = 0) =>
            Build(IpAddress.Parse("198.18.0.1"), IpAddress.Parse("198.18.0.2"), seq, ack, flags, payloadLength);

        /// <summary>An IPv6 TCP segment [2001:db8::1]:40000 → [2001:db8::2]:80 with the given fields and payload.</summary>
        public static byte[] Ipv6(uint seq, uint ack, TcpFlags flags, int payloadLength = 0) =>
            Build(IpAddress.Parse("2001:db8::1"), IpAddress.Parse("2001:db8::2"), seq, ack, flags, payloadLength);

        private static byte[] Build(IpAddress source, IpAddress destination, uint seq, uint ack, TcpFlags flags, int payloadLength)
        {
            var segment = new OutgoingSegment
            {
                Source = source,
                Destination = destination,
                SourcePort = 40000,
                DestinationPort = 80,
                SequenceNumber = seq,
                AcknowledgmentNumber = ack,
                Flags = flags,
                Window = 8192,
                HopLimit = OutgoingSegment.DefaultHopLimit,
            };
            byte[] payload = new byte[payloadLength];
            for (int i = 0; i < payload.Length; i++)
            {
                payload[i] = (byte)(i * 7);
            }

            byte[] packet = new byte[SegmentBuilder.GetLength(segment, payloadLength)];
            SegmentBuilder.Write(packet, segment, payload);
            return packet;
        }
    }
}
