using System;
using System.Globalization;

namespace TcpGen.Cli.Sim
{
    /// <summary>Parses byte counts as people write them: <c>1000000</c>, <c>64MiB</c>, <c>1.5MB</c>, <c>512KiB</c>.</summary>
    public static class ByteSize
    {
        /// <summary>The largest transfer <c>tcpgen sim</c> accepts per direction (4 GiB).</summary>
        public const long Maximum = 4L << 30;

        /// <summary>Suffixes and their multipliers; binary (KiB) and decimal (kB) units, case-insensitive.</summary>
        private static readonly (string Suffix, long Multiplier)[] Units =
        {
            ("kib", 1L << 10), ("mib", 1L << 20), ("gib", 1L << 30),
            ("kb", 1000L), ("mb", 1000_000L), ("gb", 1000_000_000L),
            ("k", 1000L), ("m", 1000_000L), ("g", 1000_000_000L),
            ("b", 1L),
        };

        /// <summary>The byte count <paramref name="text"/> denotes, or null with <paramref name="error"/> saying why not.</summary>
        public static long? TryParse(string text, out string error)
        {
            string trimmed = text.Trim();
            long multiplier = 1;
            foreach ((string suffix, long value) in Units)
            {
                if (trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                {
                    trimmed = trimmed.Substring(0, trimmed.Length - suffix.Length).TrimEnd();
                    multiplier = value;
                    break;
                }
            }

            if (!decimal.TryParse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal number))
            {
                error = $"'{text}' is not a size (examples: 1000000, 64MiB, 1.5MB)";
                return null;
            }

            decimal bytes = number * multiplier;
            if (bytes > Maximum)
            {
                error = $"'{text}' is more than {Maximum} bytes (4GiB)";
                return null;
            }

            if (bytes != decimal.Truncate(bytes))
            {
                error = $"'{text}' is not a whole number of bytes";
                return null;
            }

            error = string.Empty;
            return (long)bytes;
        }
    }
}
