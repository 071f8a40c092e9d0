using System;
using TcpGen.Runtime.Engine;
using Xunit;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>The hot path allocates nothing: a steady bulk transfer between two engines, measured per thread.</summary>
    public class AllocationTest
    {
        [Fact]
        public void SteadyBulkTransferShouldAllocateNothingPerSegment()
        {
            var options = new TcpEngineOptions { SendBufferSize = 64 * 1024, ReceiveBufferSize = 64 * 1024 };
            using var pair = new EnginePair(options, options);
            (ConnectionHandle client, ConnectionHandle server) = pair.Open();
            byte[] data = new byte[16 * 1024];
            new Random(5).NextBytes(data);
            byte[] sink = new byte[64 * 1024];

            Transfer(pair, client, server, data, sink, 4 * 1024 * 1024); // warm: JIT, pools, timer nodes, dictionaries
            // The least of three runs: a stray allocation by the test host on this thread (seen in other allocation
            // tests under parallel runs) must not fail the test; an engine that allocates per segment fails all three.
            long allocated = long.MaxValue;
            for (int run = 0; run < 3; run++)
            {
                long packetsBefore = pair.PacketsMoved;
                long before = GC.GetAllocatedBytesForCurrentThread();
                Transfer(pair, client, server, data, sink, 4 * 1024 * 1024);
                allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
                long packets = pair.PacketsMoved - packetsBefore;
                Assert.True(packets > 2_500, $"only {packets} packets moved");
            }

            Assert.Equal(0, allocated);
        }

        [Fact]
        public void TableLookupShouldAllocateNothingEvenInAnUnoptimizedBuild()
        {
            // The tests run on the Debug build, whose JIT does not optimize: a table behind a ReadOnlySpan property
            // allocated 72 bytes per lookup there. Every cell once, many times over.
            var machine = new ConnectionStateMachine();
            long checksum = machine.Fire(TcpEvent.OpenPassive).Next == TcpState.Listen ? 1 : 0;
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int round = 0; round < 100; round++)
            {
                for (int s = 0; s < TcpTransitions.StateCount; s++)
                {
                    for (int e = 0; e < TcpTransitions.EventCount; e++)
                    {
                        checksum += (long)TcpTransitions.Next((TcpState)s, (TcpEvent)e).Next;
                    }
                }
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.True(checksum > 0);
        }

        [Fact]
        public void LossRecoveryWithTimestampsAndSackShouldAllocateNothingPerSegment()
        {
            // Every 50th client packet is lost: out-of-order arrivals, SACK and D-SACK blocks, the sender's scoreboard,
            // fast retransmits and hole resends all run, with timestamps on every segment.
            var options = new TcpEngineOptions { SendBufferSize = 64 * 1024, ReceiveBufferSize = 64 * 1024 };
            using var pair = new EnginePair(options, options);
            (ConnectionHandle client, ConnectionHandle server) = pair.Open();
            pair.DropEveryNthFromClient = 50;
            byte[] data = new byte[16 * 1024];
            new Random(6).NextBytes(data);
            byte[] sink = new byte[64 * 1024];

            Transfer(pair, client, server, data, sink, 4 * 1024 * 1024);
            long allocated = long.MaxValue;
            for (int run = 0; run < 3; run++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                Transfer(pair, client, server, data, sink, 4 * 1024 * 1024);
                allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
            }

            Assert.True(pair.Client.Counters.FastRetransmits > 0, "no loss recovery ran");
            Assert.True(pair.Server.Counters.SackAcksSent > 0, "no SACK blocks were sent");
            Assert.Equal(0, allocated);
        }

        /// <summary>Moves <paramref name="total"/> octets client to server, reading as they arrive and draining notifications.</summary>
        private static void Transfer(EnginePair pair, ConnectionHandle client, ConnectionHandle server, byte[] data, byte[] sink, long total)
        {
            long sent = 0;
            long received = 0;
            while (received < total)
            {
                if (sent < total)
                {
                    int offset = (int)(sent % data.Length);
                    sent += pair.Client.Send(client, data.AsSpan(offset, (int)Math.Min(data.Length - offset, total - sent)), pair.Now);
                }

                if (pair.Shuttle() == 0)
                {
                    pair.AdvanceToNextDeadline(TimeSpan.FromMilliseconds(50));
                }

                int read;
                while ((read = pair.Server.Read(server, sink, pair.Now)) > 0)
                {
                    received += read;
                }

                while (pair.Client.TryDequeueNotification(out _) || pair.Server.TryDequeueNotification(out _))
                {
                }
            }
        }
    }
}
