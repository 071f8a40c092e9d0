using System;
using System.Buffers.Binary;

namespace TcpGen.Runtime.Tests.Links
{
    /// <summary>Numbered dummy packets: bytes 0..3 carry the number, the rest a pattern derived from it.</summary>
    public static class TestPackets
    {
        public static byte[] Numbered(int number, int length = 100)
        {
            byte[] packet = new byte[length];
            BinaryPrimitives.WriteInt32BigEndian(packet, number);
            for (int i = 4; i < length; i++)
            {
                packet[i] = (byte)(number * 31 + i);
            }

            return packet;
        }

        public static int NumberOf(ReadOnlySpan<byte> packet) => BinaryPrimitives.ReadInt32BigEndian(packet);
    }
}
