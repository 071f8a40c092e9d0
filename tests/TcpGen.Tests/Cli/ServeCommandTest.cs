using System;
using Xunit;

namespace TcpGen.Tests.Cli
{
    /// <summary>`tcpgen serve` command lines that cannot work: one line on stderr, exit 2, before any device is touched (no root needed).</summary>
    public class ServeCommandTest
    {
        public static TheoryData<string[], string> BadCommandLines => new()
        {
            { new[] { "serve", "--address", "198.18.0.2", "--listen", "80" }, "--tun" },
            { new[] { "serve", "--tun", "tg0", "--listen", "80" }, "--address" },
            { new[] { "serve", "--tun", "tg0", "--address", "198.18.0.2" }, "--listen" },
            { new[] { "serve", "--tun", "tg0", "--address", "nowhere", "--listen", "80" }, "--address must be an IPv4 or IPv6 address, not 'nowhere'" },
            { new[] { "serve", "--tun", "tg0", "--address", "198.18.0.2", "--listen", "0" }, "--listen must be a port between 1 and 65535, not 0" },
            { new[] { "serve", "--tun", "tg0", "--address", "198.18.0.2", "--listen", "65536" }, "--listen must be a port between 1 and 65535, not 65536" },
            { new[] { "serve", "--tun", "tg0", "--address", "198.18.0.2", "--listen", "80", "--app", "gopher" }, "gopher" },
            { new[] { "serve", "--tun", "tg0", "--address", "198.18.0.2", "--listen", "80", "--loss", "1" }, "--loss must be at least 0 and below 1, not 1" },
            { new[] { "serve", "--tun", "tg0", "--address", "198.18.0.2", "--listen", "80", "--loss", "-0.1" }, "--loss must be at least 0 and below 1" },
            { new[] { "serve", "--tun", "tg0", "--address", "198.18.0.2", "--listen", "80", "--kernel-address", "198.18.0.1" }, "--kernel-address must be ADDRESS/PREFIX (for example 198.18.0.1/24), not '198.18.0.1'" },
            { new[] { "serve", "--tun", "tg0", "--address", "198.18.0.2", "--listen", "80", "--kernel-address", "198.18.0.1/33" }, "--kernel-address prefix length must be between 1 and 32, not 33" },
            { new[] { "serve", "--tun", "tg0", "--address", "198.18.0.1", "--listen", "80", "--kernel-address", "198.18.0.1/24" }, "--address 198.18.0.1 is the kernel's own address" },
            { new[] { "serve", "--tun", "tg0", "--address", "198.19.5.2", "--listen", "80", "--kernel-address", "198.18.0.1/24" }, "--address 198.19.5.2 is outside --kernel-address 198.18.0.1/24" },
            { new[] { "serve", "--tun", "tg0", "--address", "198.18.0.2", "--listen", "80", "--pcap", "/no/such/folder/x.pcap" }, "cannot write '/no/such/folder/x.pcap': the directory does not exist" },
            { new[] { "serve", "--tun", "name-longer-than-15", "--address", "198.18.0.2", "--listen", "80" }, "TUN device name 'name-longer-than-15' must be 1 to 15 characters long" },
            { new[] { "serve", "--tun", "tun/0", "--address", "198.18.0.2", "--listen", "80" }, "'/'" },
        };

        [Theory]
        [MemberData(nameof(BadCommandLines))]
        public void BadCommandLineShouldPrintOneErrorLineAndExitTwo(string[] args, string expected)
        {
            CliRunner.Run(args).AssertOneLineError(expected);
        }

        [Fact]
        public void HelpShouldListTheApps()
        {
            CliResult result = CliRunner.Run("serve", "--help");

            Assert.Equal(0, result.ExitCode);
            Assert.Contains("echo", result.Out, StringComparison.Ordinal);
            Assert.Contains("chargen", result.Out, StringComparison.Ordinal);
            Assert.Contains("--kernel-address", result.Out, StringComparison.Ordinal);
        }
    }
}
