using System;
using Xunit;

namespace TcpGen.Tests.Cli
{
    /// <summary>`tcpgen connect` command lines that cannot work: one line on stderr, exit 2, before any device is touched (no root needed).</summary>
    public class ConnectCommandTest
    {
        public static TheoryData<string[], string> BadCommandLines => new()
        {
            { new[] { "connect", "--tun", "tg0", "--address", "198.18.0.2" }, "--to" },
            { new[] { "connect", "--address", "198.18.0.2", "--to", "198.18.0.1:7" }, "--tun" },
            { new[] { "connect", "--tun", "tg0", "--address", "198.18.0.2", "--to", "198.18.0.1" }, "--to must be IP:PORT" },
            { new[] { "connect", "--tun", "tg0", "--address", "198.18.0.2", "--to", "198.18.0.1:0" }, "--to must be IP:PORT" },
            { new[] { "connect", "--tun", "tg0", "--address", "198.18.0.2", "--to", "198.18.0.1:70000" }, "--to must be IP:PORT" },
            { new[] { "connect", "--tun", "tg0", "--address", "198.18.0.2", "--to", "host:80" }, "--to must be IP:PORT" },
            { new[] { "connect", "--tun", "tg0", "--address", "2001:db8::2", "--to", "2001:db8::1:80" }, "--to must be IP:PORT" },
            { new[] { "connect", "--tun", "tg0", "--address", "2001:db8::2", "--to", "198.18.0.1:80" }, "are not the same IP version" },
            { new[] { "connect", "--tun", "tg0", "--address", "198.18.0.2", "--to", "198.18.0.1:7", "--kernel-address", "10.0.0.1/8" }, "outside --kernel-address" },
            { new[] { "connect", "--tun", "name-longer-than-15", "--address", "198.18.0.2", "--to", "198.18.0.1:7" }, "TUN device name 'name-longer-than-15' must be 1 to 15 characters long" },
        };

        [Theory]
        [MemberData(nameof(BadCommandLines))]
        public void BadCommandLineShouldPrintOneErrorLineAndExitTwo(string[] args, string expected)
        {
            CliRunner.Run(args).AssertOneLineError(expected);
        }
    }
}
