using System;
using System.Security.Cryptography;
using TcpGen.Runtime.Engine;
using Xunit;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>Two engines over an in-memory shuttle with virtual time: transfers, half-close and close.</summary>
    public class EndToEndTest
    {
        private static TcpEngineOptions Options(Action<TcpEngineOptions>? configure = null)
        {
            var options = new TcpEngineOptions { SendBufferSize = 64 * 1024, ReceiveBufferSize = 64 * 1024 };
            configure?.Invoke(options);
            return options;
        }

        [Fact]
        public void HandshakeShouldEstablishBothSides()
        {
            using var pair = new EnginePair(Options(), Options());
            (ConnectionHandle client, ConnectionHandle server) = pair.Open();
            Assert.Equal(TcpState.Established, pair.Client.GetStatus(client).State);
            Assert.Equal(TcpState.Established, pair.Server.GetStatus(server).State);
        }

        [Fact]
        public void BulkTransferBothWaysShouldArriveIntact()
        {
            using var pair = new EnginePair(Options(), Options());
            (ConnectionHandle client, ConnectionHandle server) = pair.Open();
            byte[] up = RandomBytes(1_000_000, 1);
            byte[] down = RandomBytes(700_000, 2);
            byte[] receivedUp = new byte[up.Length];
            byte[] receivedDown = new byte[down.Length];
            int sentUp = 0, sentDown = 0, gotUp = 0, gotDown = 0;
            for (int round = 0; round < 100_000 && (gotUp < up.Length || gotDown < down.Length); round++)
            {
                sentUp += pair.Client.Send(client, up.AsSpan(sentUp), pair.Now);
                sentDown += pair.Server.Send(server, down.AsSpan(sentDown), pair.Now);
                if (pair.Shuttle() == 0)
                {
                    pair.AdvanceToNextDeadline(TimeSpan.FromMilliseconds(200));
                }

                gotUp += pair.Server.Read(server, receivedUp.AsSpan(gotUp), pair.Now);
                gotDown += pair.Client.Read(client, receivedDown.AsSpan(gotDown), pair.Now);
            }

            Assert.Equal(SHA256.HashData(up), SHA256.HashData(receivedUp));
            Assert.Equal(SHA256.HashData(down), SHA256.HashData(receivedDown));
            Assert.Equal(0, pair.Client.Counters.Retransmissions);
        }

        [Fact]
        public void GracefulCloseShouldEndBothSidesGracefully()
        {
            using var pair = new EnginePair(Options(), Options());
            (ConnectionHandle client, ConnectionHandle server) = pair.Open();
            pair.Client.Send(client, new byte[] { 1, 2, 3 }, pair.Now);
            pair.Client.Close(client, pair.Now);
            pair.Shuttle();
            Assert.Equal(TcpState.FinWait2, pair.Client.GetStatus(client).State);
            Assert.Equal(TcpState.CloseWait, pair.Server.GetStatus(server).State);
            Assert.True(pair.Server.GetStatus(server).ReceiveFinished);

            // Half-close: the server still sends after the client's FIN.
            pair.Server.Send(server, new byte[] { 9, 8 }, pair.Now);
            pair.Server.Close(server, pair.Now);
            pair.Shuttle();
            Assert.Equal(TcpState.TimeWait, pair.Client.GetStatus(client).State);
            Assert.Equal(TcpState.Closed, pair.Server.GetStatus(server).State);
            Assert.Equal(EndReason.Graceful, pair.Server.GetStatus(server).EndReason);
            Assert.Equal(EndReason.Graceful, pair.Client.GetStatus(client).EndReason);
            byte[] buffer = new byte[10];
            Assert.Equal(2, pair.Client.Read(client, buffer, pair.Now));
            Assert.Equal(3, pair.Server.Read(server, buffer, pair.Now));

            pair.Advance(TimeSpan.FromSeconds(121));
            Assert.Equal(TcpState.Closed, pair.Client.GetStatus(client).State);
        }

        [Fact]
        public void TransferWithLossShouldArriveIntact()
        {
            using var pair = new EnginePair(Options(), Options());
            (ConnectionHandle client, ConnectionHandle server) = pair.Open();
            var random = new Random(7);
            pair.Filter = (_, _) => random.NextDouble() >= 0.05;
            byte[] up = RandomBytes(300_000, 3);
            byte[] received = new byte[up.Length];
            int sent = 0, got = 0;
            for (int round = 0; round < 200_000 && got < up.Length; round++)
            {
                sent += pair.Client.Send(client, up.AsSpan(sent), pair.Now);
                if (pair.Shuttle() == 0)
                {
                    pair.AdvanceToNextDeadline(TimeSpan.FromSeconds(1));
                }

                got += pair.Server.Read(server, received.AsSpan(got), pair.Now);
            }

            Assert.Equal(SHA256.HashData(up), SHA256.HashData(received));
            Assert.True(pair.Client.Counters.Retransmissions > 0);
        }

        [Theory]
        [InlineData(11, 0.02)]
        [InlineData(12, 0.10)]
        [InlineData(13, 0.25)]
        public void LossBothWaysWithASlowReaderShouldNeitherCorruptNorStall(int seed, double loss)
        {
            // Small buffers so the slow reader closes the window (persist and probes), Nagle on, ACKs lost too.
            using var pair = new EnginePair(Options(o => { o.NoDelay = false; o.ReceiveBufferSize = 8 * 1024; }), Options(o => { o.NoDelay = false; o.ReceiveBufferSize = 8 * 1024; }));
            (ConnectionHandle client, ConnectionHandle server) = pair.Open();
            var random = new Random(seed);
            pair.Filter = (_, _) => random.NextDouble() >= loss;
            byte[] up = RandomBytes(60_000, seed);
            byte[] down = RandomBytes(40_000, seed + 100);
            byte[] receivedUp = new byte[up.Length];
            byte[] receivedDown = new byte[down.Length];
            int sentUp = 0, sentDown = 0, gotUp = 0, gotDown = 0;
            for (int round = 0; round < 100_000 && (gotUp < up.Length || gotDown < down.Length); round++)
            {
                sentUp += pair.Client.Send(client, up.AsSpan(sentUp, Math.Min(700, up.Length - sentUp)), pair.Now);
                sentDown += pair.Server.Send(server, down.AsSpan(sentDown, Math.Min(300, down.Length - sentDown)), pair.Now);
                if (pair.Shuttle() == 0)
                {
                    pair.AdvanceToNextDeadline(TimeSpan.FromSeconds(1));
                }

                if (round % 7 == 0)
                {
                    gotUp += pair.Server.Read(server, receivedUp.AsSpan(gotUp, Math.Min(500, up.Length - gotUp)), pair.Now);
                }

                gotDown += pair.Client.Read(client, receivedDown.AsSpan(gotDown), pair.Now);
            }

            Assert.Equal(up.Length, gotUp);
            Assert.Equal(down.Length, gotDown);
            Assert.Equal(SHA256.HashData(up), SHA256.HashData(receivedUp));
            Assert.Equal(SHA256.HashData(down), SHA256.HashData(receivedDown));
            Assert.Equal(TcpState.Established, pair.Client.GetStatus(client).State);
            Assert.Equal(TcpState.Established, pair.Server.GetStatus(server).State);
            Assert.True(pair.Client.Counters.WindowProbes > 0, "the slow reader should have closed the window");
        }

        private static byte[] RandomBytes(int length, int seed)
        {
            byte[] bytes = new byte[length];
            new Random(seed).NextBytes(bytes);
            return bytes;
        }
    }
}
