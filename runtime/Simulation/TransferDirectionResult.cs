using System;

namespace TcpGen.Runtime.Simulation
{
    /// <summary>One direction of a bulk transfer: what was sent, what arrived, and whether they are the same bytes.</summary>
    /// <param name="BytesSent">Bytes the sender's engine accepted.</param>
    /// <param name="BytesReceived">Bytes the receiver read.</param>
    /// <param name="SentSha256">SHA-256 of the sent stream.</param>
    /// <param name="ReceivedSha256">SHA-256 of the received stream.</param>
    /// <param name="Elapsed">Virtual time from connection establishment to the receiver reading the FIN (zero if it never did).</param>
    public sealed record TransferDirectionResult(long BytesSent, long BytesReceived, string SentSha256, string ReceivedSha256, TimeSpan Elapsed)
    {
        /// <summary>True when every byte arrived, in order, unchanged.</summary>
        public bool Identical => BytesSent == BytesReceived && SentSha256 == ReceivedSha256;

        /// <summary>Application bytes delivered per virtual second, in bits per second.</summary>
        public double GoodputBitsPerSecond => Elapsed > TimeSpan.Zero ? BytesReceived * 8.0 / Elapsed.TotalSeconds : 0;
    }
}
