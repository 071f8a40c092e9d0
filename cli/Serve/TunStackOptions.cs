using System;
using System.CommandLine;
using System.IO;
using System.Net;

namespace TcpGen.Cli.Serve
{
    /// <summary>The options serve and connect share (device, addresses, capture, loss, stat socket) and their validation.</summary>
    internal sealed class TunStackOptions
    {
        /// <summary>--tun NAME.</summary>
        private readonly Option<string> _tun = new("--tun") { Description = "The TUN device to create, or to attach to when it exists (e.g. one made with `ip tuntap add dev NAME mode tun user $USER`).", Required = true };

        /// <summary>--kernel-address CIDR.</summary>
        private readonly Option<string?> _kernelAddress = new("--kernel-address") { Description = "Give the kernel's side of the device this address (e.g. 198.18.0.1/24) and bring the link up; without it the device is used as configured." };

        /// <summary>--netns NAME.</summary>
        private readonly Option<string?> _netns = new("--netns") { Description = "Put the device in this named network namespace (`ip netns add NAME`) instead of the current one." };

        /// <summary>--address IP.</summary>
        private readonly Option<string> _address = new("--address") { Description = "TcpGen's own address behind the device (e.g. 198.18.0.2).", Required = true };

        /// <summary>--pcap FILE.</summary>
        private readonly Option<string?> _pcap = new("--pcap") { Description = "Capture every packet in and out to this pcap file (LINKTYPE_RAW)." };

        /// <summary>--loss P.</summary>
        private readonly Option<double> _loss = new("--loss") { Description = "Drop each packet with probability P (0 to 1) in each direction on TcpGen's side of the device.", DefaultValueFactory = _ => 0 };

        /// <summary>--seed N.</summary>
        private readonly Option<ulong> _seed = new("--seed") { Description = "Seed of the --loss decisions (the same seed and traffic drop the same packets).", DefaultValueFactory = _ => 1 };

        /// <summary>--stat-socket PATH.</summary>
        private readonly Option<string?> _statSocket = new("--stat-socket") { Description = "Publish counters for `tcpgen stat` on this Unix socket (default: $TCPGEN_STAT_DIR or /tmp/tcpgen, NAME-PID.sock)." };

        /// <summary>Adds the options to <paramref name="command"/>.</summary>
        public void AddTo(Command command)
        {
            command.Options.Add(_tun);
            command.Options.Add(_kernelAddress);
            command.Options.Add(_netns);
            command.Options.Add(_address);
            command.Options.Add(_pcap);
            command.Options.Add(_loss);
            command.Options.Add(_seed);
            command.Options.Add(_statSocket);
        }

        /// <summary>Reads and checks the values; null with a one-line reason when they cannot be used.</summary>
        public TunStackSettings? Bind(ParseResult parseResult, out string? error)
        {
            error = null;
            string addressText = parseResult.GetRequiredValue(_address);
            if (!IPAddress.TryParse(addressText, out IPAddress? address))
            {
                error = $"--address must be an IPv4 or IPv6 address, not '{addressText}'";
                return null;
            }

            KernelAddress? kernel = null;
            if (parseResult.GetValue(_kernelAddress) is { } kernelText)
            {
                kernel = KernelAddress.TryParse(kernelText, out error);
                if (kernel is null)
                {
                    return null;
                }

                if (kernel.Address.Equals(address))
                {
                    error = $"--address {address} is the kernel's own address; TcpGen needs another one in {kernel.Cidr}";
                    return null;
                }

                if (!kernel.Contains(address))
                {
                    error = $"--address {address} is outside --kernel-address {kernel.Cidr}: the kernel would not route to it";
                    return null;
                }
            }

            double loss = parseResult.GetValue(_loss);
            if (!(loss >= 0 && loss < 1))
            {
                error = $"--loss must be at least 0 and below 1, not {loss.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
                return null;
            }

            string? pcap = parseResult.GetValue(_pcap);
            if (pcap is not null && !DirectoryExists(pcap))
            {
                error = $"cannot write '{pcap}': the directory does not exist";
                return null;
            }

            string? statSocket = parseResult.GetValue(_statSocket);
            if (statSocket is not null && !DirectoryExists(statSocket))
            {
                error = $"cannot create stat socket '{statSocket}': the directory does not exist";
                return null;
            }

            string? netns = parseResult.GetValue(_netns);
            return new TunStackSettings(parseResult.GetRequiredValue(_tun), kernel, netns, address, pcap, loss, parseResult.GetValue(_seed), statSocket);
        }

        /// <summary>True when the folder a file would be created in exists.</summary>
        private static bool DirectoryExists(string path)
        {
            string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
            return directory is not null && Directory.Exists(directory);
        }
    }
}
