using System;
using System.Buffers.Binary;

namespace TcpGen.Runtime.Simulation
{
    /// <summary>
    /// What one host put on the simulated wire, read from the headers of each packet before any fault: data
    /// segments, pure ACKs, and duplicate ACKs in the RFC 5681 sense as seen on the wire (a pure ACK repeating the
    /// acknowledgment number and window of the host's previous segment). Allocation-free.
    /// </summary>
    public sealed class WireStatistics
    {
        /// <summary>TCP flag bits read from the header.</summary>
        private const byte Fin = 0x01, Syn = 0x02, Rst = 0x04, Ack = 0x10;

        /// <summary>Acknowledgment number of the previous segment sent.</summary>
        private uint _lastAck;

        /// <summary>Window of the previous segment sent.</summary>
        private ushort _lastWindow;

        /// <summary>True once a segment with ACK has been seen, so the first ACK is never a duplicate.</summary>
        private bool _haveLast;

        /// <summary>Segments carrying data.</summary>
        public long DataSegments { get; private set; }

        /// <summary>Segments with ACK and nothing else (no data, SYN, FIN or RST).</summary>
        public long PureAcks { get; private set; }

        /// <summary>Pure ACKs with the same acknowledgment number and window as the segment before (RFC 5681 2).</summary>
        public long DuplicateAcks { get; private set; }

        /// <summary>Reads the headers of one IPv4 or IPv6 packet carrying TCP; anything else is ignored.</summary>
        public void Observe(ReadOnlySpan<byte> packet)
        {
            if (packet.Length < 1)
            {
                return;
            }

            int version = packet[0] >> 4;
            int ipHeader;
            int ipEnd;
            if (version == 4 && packet.Length >= 20)
            {
                ipHeader = (packet[0] & 0x0F) * 4;
                ipEnd = Math.Min(packet.Length, BinaryPrimitives.ReadUInt16BigEndian(packet.Slice(2)));
            }
            else if (version == 6 && packet.Length >= 40)
            {
                ipHeader = 40;
                ipEnd = Math.Min(packet.Length, 40 + BinaryPrimitives.ReadUInt16BigEndian(packet.Slice(4)));
            }
            else
            {
                return;
            }

            if (ipEnd < ipHeader + 20)
            {
                return;
            }

            ReadOnlySpan<byte> tcp = packet.Slice(ipHeader, ipEnd - ipHeader);
            int tcpHeader = (tcp[12] >> 4) * 4;
            int payload = Math.Max(0, tcp.Length - tcpHeader);
            byte flags = tcp[13];
            uint ack = BinaryPrimitives.ReadUInt32BigEndian(tcp.Slice(8));
            ushort window = BinaryPrimitives.ReadUInt16BigEndian(tcp.Slice(14));
            if (payload > 0)
            {
                DataSegments++;
            }
            else if ((flags & Ack) != 0 && (flags & (Syn | Fin | Rst)) == 0)
            {
                PureAcks++;
                if (_haveLast && ack == _lastAck && window == _lastWindow)
                {
                    DuplicateAcks++;
                }
            }

            if ((flags & Ack) != 0)
            {
                _lastAck = ack;
                _lastWindow = window;
                _haveLast = true;
            }
        }

        /// <inheritdoc />
        public override string ToString() => $"{DataSegments} data segments, {PureAcks} pure ACKs ({DuplicateAcks} duplicate)";
    }
}
