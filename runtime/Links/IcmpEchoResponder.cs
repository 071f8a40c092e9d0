using System;
using System.Buffers.Binary;
using System.Threading;
using TcpGen.Runtime.Codec;

namespace TcpGen.Runtime.Links
{
    /// <summary>
    /// An <see cref="ILink"/> decorator that answers ICMP echo requests (IPv4 type 8, RFC 792; ICMPv6 type 128,
    /// RFC 4443 4.1) itself, so `ping` reaches a TcpGen stack, and hands every other packet on unchanged (the engine
    /// counts non-TCP ones as <see cref="DropReason.NotTcp"/>). The reply is built in place in the receive buffer:
    /// addresses swapped, type changed, checksums recomputed. Requests to multicast or broadcast addresses, with a
    /// bad checksum, or (IPv6) carrying extension headers are passed on, not answered. Disposing disposes the inner link.
    /// </summary>
    public sealed class IcmpEchoResponder : ILink
    {
        /// <summary>ICMP for IPv4 (RFC 792) in the IPv4 Protocol field.</summary>
        private const byte IcmpProtocol = 1;

        /// <summary>ICMPv6 (RFC 4443) in the IPv6 Next Header field.</summary>
        private const byte Icmpv6Protocol = 58;

        /// <summary>The hop limit replies start with (the common default of Linux and RFC 1700).</summary>
        private const byte ReplyHopLimit = 64;

        /// <summary>The wrapped link that carries both the requests and the replies.</summary>
        private readonly ILink _inner;

        /// <summary>Echo requests answered, for tests and statistics.</summary>
        private long _echoRequestsAnswered;

        /// <summary>Wraps <paramref name="inner"/>; the responder owns it from now on.</summary>
        public IcmpEchoResponder(ILink inner)
        {
            _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        }

        /// <summary>Echo requests answered so far.</summary>
        public long EchoRequestsAnswered => Volatile.Read(ref _echoRequestsAnswered);

        /// <inheritdoc />
        public int Mtu => _inner.Mtu;

        /// <inheritdoc />
        public bool TryReceive(Span<byte> destination, out int length)
        {
            while (_inner.TryReceive(destination, out length))
            {
                Span<byte> packet = destination.Slice(0, length);
                int replyLength = TryTurnIntoEchoReply(packet);
                if (replyLength == 0)
                {
                    return true;
                }

                _inner.Send(packet.Slice(0, replyLength));
                _echoRequestsAnswered++;
            }

            return false;
        }

        /// <inheritdoc />
        public void Send(ReadOnlySpan<byte> packet) => _inner.Send(packet);

        /// <inheritdoc />
        public bool WaitReceivable(TimeSpan timeout) => _inner.WaitReceivable(timeout);

        /// <inheritdoc />
        public void Interrupt() => _inner.Interrupt();

        /// <inheritdoc />
        public void Dispose() => _inner.Dispose();

        /// <summary>
        /// Rewrites an echo request into its reply in place and returns the reply's length (the IP packet without
        /// link padding); 0 when the packet is anything else and must be passed on untouched.
        /// </summary>
        internal static int TryTurnIntoEchoReply(Span<byte> packet)
        {
            if (!PacketParser.ParseIp(packet, out IpPacketView ip).IsOk)
            {
                return 0;
            }

            int headerLength = ip.Header.Length;
            int messageLength = ip.Payload.Length;
            int total = headerLength + messageLength;
            if (messageLength < 8 || !InternetChecksumValid(ip))
            {
                return 0;
            }

            Span<byte> message = packet.Slice(headerLength, messageLength);
            if (ip.Version == IpVersion.V4)
            {
                if (ip.Protocol != IcmpProtocol || message[0] != 8 || message[1] != 0 || packet[16] >= 224)
                {
                    return 0;
                }

                SwapAddresses(packet, 12, 4);
                packet[8] = ReplyHopLimit;
                packet[10] = 0;
                packet[11] = 0;
                BinaryPrimitives.WriteUInt16BigEndian(packet.Slice(10), InternetChecksum.Compute(packet.Slice(0, headerLength)));
                message[0] = 0;
                message[2] = 0;
                message[3] = 0;
                BinaryPrimitives.WriteUInt16BigEndian(message.Slice(2), InternetChecksum.Compute(message));
                return total;
            }

            if (ip.Protocol != Icmpv6Protocol || headerLength != 40 || message[0] != 128 || message[1] != 0 || packet[24] == 0xFF)
            {
                return 0;
            }

            SwapAddresses(packet, 8, 16);
            packet[7] = ReplyHopLimit;
            message[0] = 129;
            message[2] = 0;
            message[3] = 0;
            ChecksumAccumulator checksum = ChecksumAccumulator.ForIpv6PseudoHeader(
                Ipv6Address.Read(packet.Slice(8)), Ipv6Address.Read(packet.Slice(24)), Icmpv6Protocol, messageLength);
            checksum.Add(message);
            BinaryPrimitives.WriteUInt16BigEndian(message.Slice(2), checksum.Checksum);
            return total;
        }

        /// <summary>The ICMP checksum covers the message (IPv4) or pseudo-header plus message (ICMPv6, RFC 4443 2.3).</summary>
        private static bool InternetChecksumValid(IpPacketView ip)
        {
            if (ip.Version == IpVersion.V4)
            {
                return InternetChecksum.Verify(ip.Payload);
            }

            ChecksumAccumulator checksum = ip.CreatePseudoHeaderChecksum();
            checksum.Add(ip.Payload);
            return checksum.IsValid;
        }

        /// <summary>Swaps the source address at <paramref name="offset"/> with the destination right after it.</summary>
        private static void SwapAddresses(Span<byte> packet, int offset, int size)
        {
            Span<byte> source = packet.Slice(offset, size);
            Span<byte> destination = packet.Slice(offset + size, size);
            for (int i = 0; i < size; i++)
            {
                (source[i], destination[i]) = (destination[i], source[i]);
            }
        }
    }
}
