using System;
using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Tasks;
using TcpGen.Runtime.Hosting;
using Xunit;

namespace TcpGen.Runtime.Tests.Hosting
{
    /// <summary>The <see cref="IDuplexPipe"/> view of a connection.</summary>
    public class DuplexPipeTest
    {
        [Fact]
        public async Task OutputWrittenShouldArriveOnThePeersInput()
        {
            await using var pair = new StackPair();
            (TcpConnection client, TcpConnection server, _) = await pair.OpenAsync();
            IDuplexPipe clientPipe = client;
            IDuplexPipe serverPipe = server;

            await clientPipe.Output.WriteAsync(new byte[] { 10, 20, 30, 40 }).WithTimeout();
            byte[] received = await ReadAtLeast(serverPipe.Input, 4);
            Assert.Equal(new byte[] { 10, 20, 30, 40 }, received);
        }

        [Fact]
        public async Task CompletingOutputShouldCompleteThePeersInputAfterTheData()
        {
            await using var pair = new StackPair();
            (TcpConnection client, TcpConnection server, _) = await pair.OpenAsync();

            Memory<byte> memory = client.Output.GetMemory(3);
            new byte[] { 7, 8, 9 }.CopyTo(memory);
            client.Output.Advance(3);
            await client.Output.FlushAsync().WithTimeout();
            await client.Output.CompleteAsync().WithTimeout();

            byte[] all = await ReadToEnd(server.Input);
            Assert.Equal(new byte[] { 7, 8, 9 }, all);
        }

        [Fact]
        public async Task ManySmallWritesShouldArriveInOrder()
        {
            await using var pair = new StackPair();
            (TcpConnection client, TcpConnection server, _) = await pair.OpenAsync();
            byte[] expected = new byte[3000];
            for (int i = 0; i < expected.Length; i++)
            {
                expected[i] = (byte)(i % 251);
                await client.Output.WriteAsync(new[] { expected[i] }).WithTimeout();
            }

            client.ShutdownOutput();
            Assert.Equal(expected, await ReadToEnd(server.Input));
        }

        internal static async Task<byte[]> ReadAtLeast(PipeReader input, int count)
        {
            ReadResult result = await input.ReadAtLeastAsync(count).WithTimeout();
            byte[] bytes = result.Buffer.Slice(0, count).ToArray();
            input.AdvanceTo(result.Buffer.GetPosition(count));
            return bytes;
        }

        internal static async Task<byte[]> ReadToEnd(PipeReader input)
        {
            while (true)
            {
                ReadResult result = await input.ReadAsync().WithTimeout();
                if (result.IsCompleted)
                {
                    byte[] bytes = result.Buffer.ToArray();
                    input.AdvanceTo(result.Buffer.End);
                    return bytes;
                }

                input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            }
        }
    }
}
