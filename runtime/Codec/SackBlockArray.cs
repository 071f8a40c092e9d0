using System.Runtime.CompilerServices;

namespace TcpGen.Runtime.Codec
{
    /// <summary>Inline storage for up to four SACK blocks, the most a 40-octet option space can carry (RFC 2018 3).</summary>
    [InlineArray(TcpOptions.MaxSackBlocks)]
    internal struct SackBlockArray
    {
        /// <summary>First element; the runtime lays out the other three after it.</summary>
        private SackBlock _element0;
    }
}
