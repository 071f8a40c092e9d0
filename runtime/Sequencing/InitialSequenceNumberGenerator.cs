using System;
using System.Buffers.Binary;
using System.Security.Cryptography;
using TcpGen.Runtime.Timers;

namespace TcpGen.Runtime.Sequencing
{
    /// <summary>
    /// Chooses initial sequence numbers as RFC 6528 section 3 prescribes:
    /// ISN = M + F(localip, localport, remoteip, remoteport, secretkey), where M is a clock that ticks every
    /// 4 microseconds (MUST-8) and F is HMAC-SHA-256 keyed by a per-stack secret, so it cannot be computed from
    /// outside the host (MUST-9, SHLD-1). The clock comes from the caller's <see cref="Instant"/>; the secret comes
    /// from the caller (or <see cref="CreateWithRandomSecret"/>). <see cref="Next"/> allocates nothing.
    /// </summary>
    public sealed class InitialSequenceNumberGenerator
    {
        /// <summary>Shortest secret accepted: 128 bits, as RFC 6528 section 3 recommends at least.</summary>
        public const int MinimumSecretLength = 16;

        /// <summary>Longest secret accepted: one HMAC-SHA-256 block, beyond which HMAC hashes the key first.</summary>
        public const int MaximumSecretLength = 64;

        /// <summary>Size of the random secret drawn by <see cref="CreateWithRandomSecret"/>.</summary>
        public const int DefaultSecretLength = 32;

        /// <summary>Microseconds per increment of M (RFC 6528 section 3: "the 4 microsecond timer").</summary>
        public const long ClockGranularityMicroseconds = 4;

        /// <summary>Largest address accepted: IPv6 (16 octets); IPv4 is 4.</summary>
        private const int MaximumAddressLength = 16;

        /// <summary>Hash input: two length-prefixed addresses and two ports, at most 2 * (1 + 16) + 2 * 2 octets.</summary>
        private const int MaximumInputLength = 2 * (1 + MaximumAddressLength) + 2 * sizeof(ushort) + 1;

        /// <summary>Domain octet of ISN hashes (none is written, so ISNs keep their documented input).</summary>
        private const byte SequenceDomain = 0;

        /// <summary>Domain octet of timestamp-offset hashes.</summary>
        private const byte TimestampDomain = 1;

        /// <summary>Why it exists: the private key of F; a copy, so the caller cannot change it afterwards (MUST-9).</summary>
        private readonly byte[] _secret;

        /// <summary>Uses the given secret as the key of F.</summary>
        /// <param name="secret">16 to 64 octets of secret, unpredictable data, fixed for the stack's lifetime.</param>
        public InitialSequenceNumberGenerator(ReadOnlySpan<byte> secret)
        {
            if (secret.Length < MinimumSecretLength || secret.Length > MaximumSecretLength)
            {
                throw new ArgumentException(
                    $"The ISN secret must be {MinimumSecretLength} to {MaximumSecretLength} bytes long.", nameof(secret));
            }

            _secret = secret.ToArray();
        }

        /// <summary>Builds a generator whose secret is drawn from the operating system's CSPRNG.</summary>
        public static InitialSequenceNumberGenerator CreateWithRandomSecret()
        {
            Span<byte> secret = stackalloc byte[DefaultSecretLength];
            RandomNumberGenerator.Fill(secret);
            var generator = new InitialSequenceNumberGenerator(secret);
            CryptographicOperations.ZeroMemory(secret);
            return generator;
        }

        /// <summary>
        /// The ISN for a new connection identified by the 4-tuple, at time <paramref name="now"/>.
        /// Addresses are raw network-order octets: 4 for IPv4, 16 for IPv6.
        /// </summary>
        public SeqNum Next(
            Instant now,
            ReadOnlySpan<byte> localAddress,
            ushort localPort,
            ReadOnlySpan<byte> remoteAddress,
            ushort remotePort)
        {
            return new SeqNum(unchecked(ClockComponent(now) + KeyedHash(localAddress, localPort, remoteAddress, remotePort, SequenceDomain)));
        }

        /// <summary>
        /// A per-connection offset for the Timestamps clock (RFC 7323 7.1: a random offset per connection keeps the
        /// clock's value, and so the host's uptime, from leaking). Same key as the ISN, with the ports swapped and a
        /// different domain octet so the two values are unrelated.
        /// </summary>
        public uint TimestampOffset(
            ReadOnlySpan<byte> localAddress,
            ushort localPort,
            ReadOnlySpan<byte> remoteAddress,
            ushort remotePort)
        {
            return KeyedHash(localAddress, localPort, remoteAddress, remotePort, TimestampDomain);
        }

        /// <summary>M: the 4-microsecond clock, truncated to 32 bits (it wraps about every 4.8 hours).</summary>
        public static uint ClockComponent(Instant now) =>
            unchecked((uint)(now.Microseconds / ClockGranularityMicroseconds));

        /// <summary>F: the first 32 bits of HMAC-SHA-256(secret, connection-id).</summary>
        private uint KeyedHash(
            ReadOnlySpan<byte> localAddress,
            ushort localPort,
            ReadOnlySpan<byte> remoteAddress,
            ushort remotePort,
            byte domain)
        {
            if (!IsAddressLength(localAddress.Length) || !IsAddressLength(remoteAddress.Length))
            {
                throw new ArgumentException("Addresses must be 4 (IPv4) or 16 (IPv6) bytes long.");
            }

            // Length prefixes keep an IPv4/IPv6 mix from colliding with another split of the same octets.
            Span<byte> input = stackalloc byte[MaximumInputLength];
            int written = 0;
            written += WriteAddress(input.Slice(written), localAddress);
            BinaryPrimitives.WriteUInt16BigEndian(input.Slice(written), localPort);
            written += sizeof(ushort);
            written += WriteAddress(input.Slice(written), remoteAddress);
            BinaryPrimitives.WriteUInt16BigEndian(input.Slice(written), remotePort);
            written += sizeof(ushort);
            if (domain != SequenceDomain)
            {
                // ISN inputs stay exactly as before (no domain octet); other uses append theirs.
                input[written++] = domain;
            }

            Span<byte> digest = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(_secret, input.Slice(0, written), digest);
            return BinaryPrimitives.ReadUInt32BigEndian(digest);
        }

        /// <summary>Writes a one-octet length and the address; returns the octets written.</summary>
        private static int WriteAddress(Span<byte> destination, ReadOnlySpan<byte> address)
        {
            destination[0] = (byte)address.Length;
            address.CopyTo(destination.Slice(1));
            return 1 + address.Length;
        }

        /// <summary>True for IPv4 and IPv6 address lengths.</summary>
        private static bool IsAddressLength(int length) => length == 4 || length == MaximumAddressLength;
    }
}
