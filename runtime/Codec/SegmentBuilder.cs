using System;
using System.Buffers.Binary;

namespace TcpGen.Runtime.Codec
{
    /// <summary>
    /// Writes outgoing IPv4/IPv6 + TCP segments into a caller-provided buffer: lengths, IPv4 header checksum and
    /// TCP checksum filled (MUST-2). The data may be given in two pieces (e.g. the two halves of a wrapped ring
    /// buffer); it is checksummed where it lies. <see cref="TryWriteHeaders"/> writes only the headers, for
    /// scatter/gather sends where the data never moves. Never allocates.
    /// </summary>
    public static class SegmentBuilder
    {
        /// <summary>The octets the headers take (IP + TCP with options).</summary>
        public static int GetHeaderLength(in OutgoingSegment segment) =>
            IpHeaderLength(segment.Source) + PacketParser.TcpMinimumHeaderLength + TcpOptionsWriter.GetLength(segment.Options, IsSyn(segment));

        /// <summary>The octets the whole packet takes with <paramref name="payloadLength"/> data octets.</summary>
        public static int GetLength(in OutgoingSegment segment, int payloadLength) => GetHeaderLength(segment) + payloadLength;

        /// <summary>Writes headers and data; returns the packet length. Throws <see cref="ArgumentException"/> when <see cref="TryWrite(Span{byte}, in OutgoingSegment, ReadOnlySpan{byte}, ReadOnlySpan{byte}, out int)"/> would fail.</summary>
        public static int Write(Span<byte> destination, in OutgoingSegment segment, ReadOnlySpan<byte> payload)
        {
            if (!TryWrite(destination, segment, payload, default, out int written))
            {
                throw new ArgumentException("Buffer too small, addresses of different families, or data too long for one IP packet.", nameof(destination));
            }

            return written;
        }

        /// <summary>Writes headers and data; false (nothing guaranteed about the buffer) on a too-small buffer, mismatched families or oversize data.</summary>
        public static bool TryWrite(Span<byte> destination, in OutgoingSegment segment, ReadOnlySpan<byte> payload, out int bytesWritten) =>
            TryWrite(destination, segment, payload, default, out bytesWritten);

        /// <summary>As <see cref="TryWrite(Span{byte}, in OutgoingSegment, ReadOnlySpan{byte}, out int)"/> with the data in two consecutive pieces.</summary>
        public static bool TryWrite(Span<byte> destination, in OutgoingSegment segment, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> payloadContinuation, out int bytesWritten)
        {
            bytesWritten = 0;
            int dataLength = payload.Length + payloadContinuation.Length;
            if (!TryMeasure(segment, dataLength, out int ipHeaderLength, out int tcpHeaderLength))
            {
                return false;
            }

            int headerLength = ipHeaderLength + tcpHeaderLength;
            if (destination.Length - headerLength < dataLength)
            {
                return false;
            }

            // Copy first, checksum second: the data may already sit in (or overlap) the destination.
            payload.CopyTo(destination.Slice(headerLength));
            payloadContinuation.CopyTo(destination.Slice(headerLength + payload.Length));
            ReadOnlySpan<byte> data = destination.Slice(headerLength, dataLength);
            WriteHeaders(destination, segment, ipHeaderLength, tcpHeaderLength, data, default);
            bytesWritten = headerLength + dataLength;
            return true;
        }

        /// <summary>
        /// Writes only the IP and TCP headers for data that stays where it is; lengths and checksum cover
        /// <paramref name="payload"/> and <paramref name="payloadContinuation"/>. Returns false on a too-small buffer,
        /// mismatched families or oversize data.
        /// </summary>
        public static bool TryWriteHeaders(Span<byte> destination, in OutgoingSegment segment, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> payloadContinuation, out int headerBytesWritten)
        {
            headerBytesWritten = 0;
            if (!TryMeasure(segment, payload.Length + payloadContinuation.Length, out int ipHeaderLength, out int tcpHeaderLength)
                || destination.Length < ipHeaderLength + tcpHeaderLength)
            {
                return false;
            }

            WriteHeaders(destination, segment, ipHeaderLength, tcpHeaderLength, payload, payloadContinuation);
            headerBytesWritten = ipHeaderLength + tcpHeaderLength;
            return true;
        }

        /// <summary>Header sizes for <paramref name="segment"/>; false for mismatched families or data too long for one IP packet.</summary>
        private static bool TryMeasure(in OutgoingSegment segment, int dataLength, out int ipHeaderLength, out int tcpHeaderLength)
        {
            IpAddress source = segment.Source;
            ipHeaderLength = IpHeaderLength(source);
            tcpHeaderLength = PacketParser.TcpMinimumHeaderLength + TcpOptionsWriter.GetLength(segment.Options, IsSyn(segment));
            if (source.Version == IpVersion.None || source.Version != segment.Destination.Version)
            {
                return false;
            }

            int limit = source.IsIpv4 ? Ipv4Header.MaximumTotalLength - ipHeaderLength : Ipv6Header.MaximumPayloadLength;
            return dataLength <= limit - tcpHeaderLength;
        }

        /// <summary>Writes both headers once sizes are known to fit; the TCP checksum covers the data where it lies.</summary>
        private static void WriteHeaders(Span<byte> destination, in OutgoingSegment segment, int ipHeaderLength, int tcpHeaderLength, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> payloadContinuation)
        {
            IpAddress source = segment.Source;
            IpAddress target = segment.Destination;
            int tcpLength = tcpHeaderLength + payload.Length + payloadContinuation.Length;
            byte hopLimit = segment.HopLimit == 0 ? OutgoingSegment.DefaultHopLimit : segment.HopLimit;
            if (source.IsIpv4)
            {
                Ipv4Header.Write(destination, source.AsIpv4(), target.AsIpv4(), IpProtocol.Tcp, tcpLength, segment.TrafficClass, segment.Identification, segment.DontFragment, hopLimit);
            }
            else
            {
                Ipv6Header.Write(destination, source.AsIpv6(), target.AsIpv6(), IpProtocol.Tcp, tcpLength, segment.TrafficClass, segment.FlowLabel, hopLimit);
            }

            Span<byte> tcp = destination.Slice(ipHeaderLength, tcpHeaderLength);
            BinaryPrimitives.WriteUInt16BigEndian(tcp, segment.SourcePort);
            BinaryPrimitives.WriteUInt16BigEndian(tcp.Slice(2), segment.DestinationPort);
            BinaryPrimitives.WriteUInt32BigEndian(tcp.Slice(4), segment.SequenceNumber);
            BinaryPrimitives.WriteUInt32BigEndian(tcp.Slice(8), segment.AcknowledgmentNumber);
            tcp[12] = (byte)((tcpHeaderLength / 4) << 4); // reserved bits zero (RFC 9293 3.1)
            tcp[13] = (byte)segment.Flags;
            BinaryPrimitives.WriteUInt16BigEndian(tcp.Slice(14), segment.Window);
            BinaryPrimitives.WriteUInt16BigEndian(tcp.Slice(16), 0);
            BinaryPrimitives.WriteUInt16BigEndian(tcp.Slice(18), segment.UrgentPointer);
            TcpOptionsWriter.Write(tcp.Slice(PacketParser.TcpMinimumHeaderLength), segment.Options, IsSyn(segment));

            ChecksumAccumulator checksum = ChecksumAccumulator.ForPseudoHeader(source, target, IpProtocol.Tcp, tcpLength);
            checksum.Add(tcp);
            checksum.Add(payload);
            checksum.Add(payloadContinuation);
            BinaryPrimitives.WriteUInt16BigEndian(tcp.Slice(16), checksum.Checksum);
        }

        /// <summary>SYN-only options are written only when SYN is set.</summary>
        private static bool IsSyn(in OutgoingSegment segment) => (segment.Flags & TcpFlags.Syn) != 0;

        /// <summary>Fixed header size per family (no IPv4 options, no IPv6 extension headers are sent).</summary>
        private static int IpHeaderLength(IpAddress source) => source.IsIpv6 ? Ipv6Header.Length : Ipv4Header.MinimumLength;
    }
}
