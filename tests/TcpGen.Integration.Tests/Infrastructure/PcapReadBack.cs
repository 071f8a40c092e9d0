using System.Collections.Generic;
using PacketDotNet;
using SharpPcap;
using SharpPcap.LibPcap;

namespace TcpGen.Integration.Tests.Infrastructure
{
    /// <summary>Reads a capture with code independent of runtime/Capture: libpcap (SharpPcap) frames the records, PacketDotNet parses them.</summary>
    internal static class PcapReadBack
    {
        /// <summary>The TCP segments in the file, in order, with their IP layer.</summary>
        public static IReadOnlyList<(IPPacket Ip, TcpPacket Tcp)> TcpSegments(string path)
        {
            var segments = new List<(IPPacket, TcpPacket)>();
            using var device = new CaptureFileReaderDevice(path);
            device.Open();
            while (device.GetNextPacket(out PacketCapture capture) == GetPacketStatus.PacketRead)
            {
                RawCapture raw = capture.GetPacket();
                Packet packet = Packet.ParsePacket(raw.LinkLayerType, raw.Data);
                if (packet.Extract<IPPacket>() is { } ip && packet.Extract<TcpPacket>() is { } tcp)
                {
                    segments.Add((ip, tcp));
                }
            }

            return segments;
        }
    }
}
