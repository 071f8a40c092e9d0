using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading.Tasks;
using TcpGen.Runtime.Hosting;
using Xunit;

namespace TcpGen.Runtime.Tests.Hosting
{
    /// <summary>The <see cref="Stream"/> view of a connection.</summary>
    public class StreamTest
    {
        [Fact]
        public async Task BytesWrittenShouldBeReadByThePeer()
        {
            await using var pair = new StackPair();
            (TcpConnection client, TcpConnection server, _) = await pair.OpenAsync();
            Stream clientStream = client.GetStream();
            Stream serverStream = server.GetStream();

            await clientStream.WriteAsync("hello"u8.ToArray()).WithTimeout();
            byte[] buffer = new byte[5];
            await serverStream.ReadExactlyAsync(buffer).WithTimeout();
            Assert.Equal("hello"u8.ToArray(), buffer);

            await serverStream.WriteAsync("world!"u8.ToArray()).WithTimeout();
            byte[] reply = new byte[6];
            await clientStream.ReadExactlyAsync(reply).WithTimeout();
            Assert.Equal("world!"u8.ToArray(), reply);
        }

        [Fact]
        public async Task LargeTransferShouldArriveIntactAndEndWithZeroAtTheFin()
        {
            // Larger than the engine buffers and the pipe thresholds, so flow control and back-pressure both engage.
            await using var pair = new StackPair(o =>
            {
                o.ReceiveBufferThreshold = 64 * 1024;
                o.SendBufferThreshold = 64 * 1024;
            });
            (TcpConnection client, TcpConnection server, _) = await pair.OpenAsync();
            byte[] data = RandomNumberGenerator.GetBytes(2 * 1024 * 1024);

            Task send = Task.Run(async () =>
            {
                Stream stream = client.GetStream();
                for (int offset = 0; offset < data.Length; offset += 100_000)
                {
                    await stream.WriteAsync(data.AsMemory(offset, Math.Min(100_000, data.Length - offset)));
                }

                await client.ShutdownOutputAsync();
            });

            var received = new MemoryStream();
            await server.GetStream().CopyToAsync(received).WithTimeout();
            await send.WithTimeout();
            Assert.Equal(SHA256.HashData(data), SHA256.HashData(received.ToArray()));
            Assert.Equal(0, await server.GetStream().ReadAsync(new byte[10]).WithTimeout());
        }

        [Fact]
        public async Task StreamShouldBeTheSameInstanceAndNotSeekable()
        {
            await using var pair = new StackPair();
            (TcpConnection client, _, _) = await pair.OpenAsync();
            Stream stream = client.GetStream();

            Assert.Same(stream, client.GetStream());
            Assert.True(stream.CanRead);
            Assert.True(stream.CanWrite);
            Assert.False(stream.CanSeek);
            Assert.Throws<NotSupportedException>(() => stream.Length);
            Assert.Throws<NotSupportedException>(() => stream.Seek(0, SeekOrigin.Begin));
        }

        [Fact]
        public async Task SynchronousReadAndWriteShouldWorkToo()
        {
            await using var pair = new StackPair();
            (TcpConnection client, TcpConnection server, _) = await pair.OpenAsync();

            await Task.Run(() => client.GetStream().Write(new byte[] { 1, 2, 3 }, 0, 3)).WithTimeout();
            byte[] buffer = new byte[3];
            int read = await Task.Run(() => server.GetStream().Read(buffer, 0, 3)).WithTimeout();
            Assert.InRange(read, 1, 3);
        }
    }
}
