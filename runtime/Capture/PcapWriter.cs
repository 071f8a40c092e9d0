using System;
using System.Buffers.Binary;
using System.IO;
using System.Threading;

namespace TcpGen.Runtime.Capture
{
    /// <summary>
    /// Writes raw IP packets to a classic pcap file (the libpcap format Wireshark and tshark open): magic
    /// 0xA1B2C3D4 with microsecond timestamps, version 2.4, link type <see cref="LinkTypeRaw"/> (the packet starts
    /// at the IPv4 or IPv6 header, no link-layer header). All fields little-endian; readers detect byte order from
    /// the magic. Per packet it writes a 16-byte record header from a reused buffer and the packet itself: no
    /// allocation. Thread-safe, so several links can share one file.
    /// </summary>
    public sealed class PcapWriter : IDisposable
    {
        /// <summary>LINKTYPE_RAW: each packet is a bare IPv4 or IPv6 packet.</summary>
        public const uint LinkTypeRaw = 101;

        /// <summary>Magic number of the microsecond-resolution classic format.</summary>
        public const uint MicrosecondMagic = 0xA1B2C3D4;

        /// <summary>Bytes kept of each packet; longer packets are cut (their original length is still recorded).</summary>
        public const int DefaultSnapshotLength = 262144;

        /// <summary>Size of the global file header.</summary>
        public const int FileHeaderLength = 24;

        /// <summary>Size of each packet record's header.</summary>
        public const int RecordHeaderLength = 16;

        /// <summary>Where the capture goes.</summary>
        private readonly Stream _output;

        /// <summary>Whether <see cref="Dispose"/> closes <see cref="_output"/> (true when this writer opened the file).</summary>
        private readonly bool _ownsOutput;

        /// <summary>Bytes of each packet written at most (the header's snaplen).</summary>
        private readonly int _snapshotLength;

        /// <summary>Reused for every record header, so writing a packet allocates nothing.</summary>
        private readonly byte[] _recordHeader = new byte[RecordHeaderLength];

        /// <summary>Serialises records from links on different threads into whole, uninterleaved records.</summary>
        private readonly Lock _gate = new Lock();

        /// <summary>Set by <see cref="Dispose"/>; later packets are ignored rather than thrown on (a capture must never break the link).</summary>
        private bool _disposed;

        /// <summary>Starts a capture on <paramref name="output"/> and writes the file header.</summary>
        /// <param name="output">A writable stream positioned where the file starts.</param>
        /// <param name="leaveOpen">True to leave <paramref name="output"/> open on <see cref="Dispose"/>.</param>
        /// <param name="snapshotLength">Bytes kept per packet (1 to 262144).</param>
        public PcapWriter(Stream output, bool leaveOpen = false, int snapshotLength = DefaultSnapshotLength)
        {
            ArgumentNullException.ThrowIfNull(output);
            ArgumentOutOfRangeException.ThrowIfLessThan(snapshotLength, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(snapshotLength, DefaultSnapshotLength);
            _output = output;
            _ownsOutput = !leaveOpen;
            _snapshotLength = snapshotLength;

            Span<byte> header = stackalloc byte[FileHeaderLength];
            BinaryPrimitives.WriteUInt32LittleEndian(header, MicrosecondMagic);
            BinaryPrimitives.WriteUInt16LittleEndian(header.Slice(4), 2); // version major
            BinaryPrimitives.WriteUInt16LittleEndian(header.Slice(6), 4); // version minor
            BinaryPrimitives.WriteInt32LittleEndian(header.Slice(8), 0); // thiszone: timestamps are UTC
            BinaryPrimitives.WriteUInt32LittleEndian(header.Slice(12), 0); // sigfigs: always 0
            BinaryPrimitives.WriteUInt32LittleEndian(header.Slice(16), (uint)snapshotLength);
            BinaryPrimitives.WriteUInt32LittleEndian(header.Slice(20), LinkTypeRaw);
            _output.Write(header);
        }

        /// <summary>Creates (or truncates) the file at <paramref name="path"/> and starts a capture in it.</summary>
        public static PcapWriter Create(string path) =>
            new PcapWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1 << 16));

        /// <summary>Packets written so far.</summary>
        public long PacketCount { get; private set; }

        /// <summary>Appends one packet stamped <paramref name="timestamp"/>.</summary>
        public void Write(ReadOnlySpan<byte> packet, DateTimeOffset timestamp) =>
            Write(packet, (timestamp.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond);

        /// <summary>Appends one packet stamped <paramref name="unixMicroseconds"/> (microseconds since 1970-01-01 UTC).</summary>
        public void Write(ReadOnlySpan<byte> packet, long unixMicroseconds)
        {
            int kept = Math.Min(packet.Length, _snapshotLength);
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                Span<byte> header = _recordHeader;
                BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)Math.DivRem(unixMicroseconds, 1_000_000, out long micros));
                BinaryPrimitives.WriteUInt32LittleEndian(header.Slice(4), (uint)micros);
                BinaryPrimitives.WriteUInt32LittleEndian(header.Slice(8), (uint)kept);
                BinaryPrimitives.WriteUInt32LittleEndian(header.Slice(12), (uint)packet.Length);
                _output.Write(header);
                _output.Write(packet.Slice(0, kept));
                PacketCount++;
            }
        }

        /// <summary>Pushes buffered records to the underlying stream (e.g. so a reader can open the file while capturing).</summary>
        public void Flush()
        {
            lock (_gate)
            {
                if (!_disposed)
                {
                    _output.Flush();
                }
            }
        }

        /// <summary>Flushes, and closes the stream unless it was passed with leaveOpen.</summary>
        public void Dispose()
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                _output.Flush();
                if (_ownsOutput)
                {
                    _output.Dispose();
                }
            }
        }
    }
}
