using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TcpGen.Cli.Serve
{
    /// <summary>The kernel's side of the TUN device as given by --kernel-address: an address and prefix length (198.18.0.1/24).</summary>
    internal sealed record KernelAddress(IPAddress Address, int PrefixLength)
    {
        /// <summary>The CIDR text handed to `ip address add`.</summary>
        public string Cidr => Address + "/" + PrefixLength.ToString(CultureInfo.InvariantCulture);

        /// <summary>Parses "ADDRESS/PREFIX"; null with a one-line reason when the text is not one.</summary>
        public static KernelAddress? TryParse(string text, out string? error)
        {
            error = null;
            int slash = text.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || !IPAddress.TryParse(text.AsSpan(0, slash), out IPAddress? address)
                || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int prefix))
            {
                error = $"--kernel-address must be ADDRESS/PREFIX (for example 198.18.0.1/24), not '{text}'";
                return null;
            }

            int maximum = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
            if (prefix < 1 || prefix > maximum)
            {
                error = $"--kernel-address prefix length must be between 1 and {maximum}, not {prefix}";
                return null;
            }

            return new KernelAddress(address, prefix);
        }

        /// <summary>True when <paramref name="other"/> lies in this address's subnet.</summary>
        public bool Contains(IPAddress other)
        {
            byte[] mine = Address.GetAddressBytes();
            byte[] theirs = other.GetAddressBytes();
            if (mine.Length != theirs.Length)
            {
                return false;
            }

            int bits = PrefixLength;
            for (int i = 0; i < mine.Length && bits > 0; i++, bits -= 8)
            {
                int mask = bits >= 8 ? 0xFF : 0xFF << (8 - bits) & 0xFF;
                if ((mine[i] & mask) != (theirs[i] & mask))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
