using System.Collections.Generic;
using PacketDotNet;
using SharpPcap;
using SharpPcap.LibPcap;

namespace TcpGen.Runtime.Tests.Capture
{
    /// <summary>
    /// Reads a pcap file with code that shares nothing with runtime/Capture: libpcap (the reference reader of the
    /// format, through SharpPcap) frames the records, PacketDotNet parses IP and TCP. libpcap is a native library
    /// (Debian: libpcap0.8); .ci/run installs it.
    /// </summary>
    public static class IndependentPcapReader
    {
        /// <summary>The link type libpcap reported and every record in file order.</summary>
        public static (LinkLayers LinkType, IReadOnlyList<CapturedPacket> Packets) Read(string path)
        {
            var packets = new List<CapturedPacket>();
            using var device = new CaptureFileReaderDevice(path);
            device.Open();
            LinkLayers linkType = device.LinkType;
            while (device.GetNextPacket(out PacketCapture capture) == GetPacketStatus.PacketRead)
            {
                RawCapture raw = capture.GetPacket();
                Packet parsed = Packet.ParsePacket(raw.LinkLayerType, raw.Data);
                packets.Add(new CapturedPacket(
                    raw.Timeval.Date,
                    raw.Data.Length,
                    // libpcap's record header keeps the length on the wire apart from the bytes captured.
                    capture.Header is PcapHeader header ? (int)header.PacketLength : -1,
                    parsed.Extract<IPPacket>(),
                    parsed.Extract<TcpPacket>()));
            }

            return (linkType, packets);
        }
    }
}
