using System.Runtime.CompilerServices;

// The checksum tests pin each SIMD path (256-bit, 128-bit, scalar) against the reference implementation.
[assembly: InternalsVisibleTo("TcpGen.Runtime.Tests")]
