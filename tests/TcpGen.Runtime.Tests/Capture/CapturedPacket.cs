using System;
using PacketDotNet;

namespace TcpGen.Runtime.Tests.Capture
{
    /// <summary>One record of a pcap file as the independent reader (libpcap through SharpPcap, then PacketDotNet) saw it.</summary>
    /// <param name="Timestamp">The record's timestamp, UTC.</param>
    /// <param name="CapturedLength">Bytes stored in the file for this packet.</param>
    /// <param name="OriginalLength">Length of the packet on the wire.</param>
    /// <param name="Ip">The IP layer PacketDotNet parsed, or null if it found none.</param>
    /// <param name="Tcp">The TCP layer PacketDotNet parsed, or null if it found none.</param>
    public sealed record CapturedPacket(DateTime Timestamp, int CapturedLength, int OriginalLength, IPPacket? Ip, TcpPacket? Tcp)
    {
        /// <summary>"SYN", "SYN,ACK", "FIN,ACK", ... for assertion messages.</summary>
        public string Flags => Tcp == null ? "-" : string.Join(',', Describe(Tcp));

        private static System.Collections.Generic.IEnumerable<string> Describe(TcpPacket tcp)
        {
            if (tcp.Synchronize) yield return "SYN";
            if (tcp.Finished) yield return "FIN";
            if (tcp.Reset) yield return "RST";
            if (tcp.Push) yield return "PSH";
            if (tcp.Acknowledgment) yield return "ACK";
        }

        public override string ToString() =>
            Tcp == null ? $"{Timestamp:O} non-TCP {OriginalLength} B"
                : $"{Timestamp:O} {Ip?.SourceAddress}:{Tcp.SourcePort} > {Ip?.DestinationAddress}:{Tcp.DestinationPort} [{Flags}] seq {Tcp.SequenceNumber} ack {Tcp.AcknowledgmentNumber} len {Tcp.PayloadData?.Length ?? 0}";
    }
}
