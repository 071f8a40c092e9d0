using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TcpGen.Cli.Apps;
using TcpGen.Integration.Tests.Infrastructure;
using TcpGen.Runtime.Hosting;
using Xunit;

namespace TcpGen.Integration.Tests.Apps
{
    /// <summary>serve's chargen, echo and discard apps between two TcpGen stacks in memory.</summary>
    public sealed class ChargenAppTest
    {
        /// <summary>RFC 864's first two example lines.</summary>
        private const string FirstLines =
            "!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefgh\r\n" +
            "\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghi\r\n";

        [Fact]
        public async Task ChargenShouldSendRfc864LinesUntilThePeerHalfCloses()
        {
            await using InMemoryPair pair = await InMemoryPair.StartAsync(() => new ChargenApp());
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            using TcpConnection connection = await pair.ConnectAsync();
            var received = new MemoryStream();
            while (received.Length < 200 * 74)
            {
                var result = await connection.Input.ReadAsync(cancel.Token);
                foreach (ReadOnlyMemory<byte> segment in result.Buffer)
                {
                    received.Write(segment.Span);
                }

                connection.Input.AdvanceTo(result.Buffer.End);
            }

            await connection.ShutdownOutputAsync(cancel.Token);
            await connection.Input.CopyToAsync(received, cancel.Token);

            string text = Encoding.ASCII.GetString(received.ToArray());
            Assert.StartsWith(FirstLines, text, StringComparison.Ordinal);
            Assert.Equal(0, text.Length % 74);
            byte[] line = new byte[74];
            for (int i = 0; i < text.Length / 74; i++)
            {
                ChargenApp.WriteLine(line, i);
                Assert.Equal(Encoding.ASCII.GetString(line), text.Substring(i * 74, 74));
            }
        }

        [Fact]
        public async Task EchoShouldReturnEverythingAndDiscardNothing()
        {
            byte[] data = new byte[300_000];
            new Random(3).NextBytes(data);
            await using InMemoryPair echo = await InMemoryPair.StartAsync(() => new EchoApp());
            await using InMemoryPair discard = await InMemoryPair.StartAsync(() => new DiscardApp());

            Assert.Equal(data, await SendAndReceiveAsync(echo, data));
            Assert.Empty(await SendAndReceiveAsync(discard, data));
        }

        private static async Task<byte[]> SendAndReceiveAsync(InMemoryPair pair, byte[] data)
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            using TcpConnection connection = await pair.ConnectAsync();
            var received = new MemoryStream();
            Task reading = connection.Input.CopyToAsync(received, cancel.Token);
            await connection.Output.WriteAsync(data, cancel.Token);
            await connection.ShutdownOutputAsync(cancel.Token);
            await reading;
            await connection.Completion.WaitAsync(cancel.Token);
            return received.ToArray();
        }
    }
}
