using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using TcpGen.Runtime.Engine;
using TcpGen.Runtime.Hosting;
using Xunit;
using TcpConnection = TcpGen.Runtime.Hosting.TcpConnection;

namespace TcpGen.Runtime.Tests.Hosting
{
    /// <summary>StateChanged: one event per state change, in order, each starting where the last ended.</summary>
    public class StateChangedTest
    {
        [Fact]
        public async Task ActiveCloserShouldSeeEstablishedToTimeWaitInOrder()
        {
            await using var pair = new StackPair();
            (TcpConnection client, TcpConnection server, _) = await pair.OpenAsync();
            var clientEvents = new ConcurrentQueue<ConnectionStateChangedEventArgs>();
            var serverEvents = new ConcurrentQueue<ConnectionStateChangedEventArgs>();
            client.StateChanged += (_, e) => clientEvents.Enqueue(e);
            server.StateChanged += (_, e) => serverEvents.Enqueue(e);

            Task clientClosed = client.CloseAsync();
            await server.WhenState(TcpState.CloseWait);
            await client.WhenState(TcpState.FinWait2);
            await server.CloseAsync().WithTimeout();
            await clientClosed.WithTimeout();

            // The client's events chain from ESTABLISHED through FIN-WAIT-1 and FIN-WAIT-2 to TIME-WAIT.
            List<ConnectionStateChangedEventArgs> clientList = clientEvents.ToList();
            AssertChain(TcpState.Established, clientList);
            Assert.Equal(
                new[] { TcpState.FinWait1, TcpState.FinWait2, TcpState.TimeWait },
                clientList.Select(e => e.Current).ToArray());
            Assert.Equal(EndReason.Graceful, clientList[^1].EndReason);

            // The server's run from ESTABLISHED through CLOSE-WAIT and LAST-ACK to CLOSED, which ended gracefully.
            List<ConnectionStateChangedEventArgs> serverList = serverEvents.ToList();
            AssertChain(TcpState.Established, serverList);
            Assert.Equal(
                new[] { TcpState.CloseWait, TcpState.LastAck, TcpState.Closed },
                serverList.Select(e => e.Current).ToArray());
            Assert.Equal(EndReason.Graceful, serverList[^1].EndReason);
            Assert.All(serverList.Take(serverList.Count - 1), e => Assert.Equal(EndReason.None, e.EndReason));
        }

        [Fact]
        [Trait("Requirement", "MUST-12")]
        public async Task ResetShouldBeOneEventToClosedCarryingTheReason()
        {
            await using var pair = new StackPair();
            (TcpConnection client, TcpConnection server, _) = await pair.OpenAsync();
            var serverEvents = new ConcurrentQueue<ConnectionStateChangedEventArgs>();
            var clientEvents = new ConcurrentQueue<ConnectionStateChangedEventArgs>();
            server.StateChanged += (_, e) => serverEvents.Enqueue(e);
            client.StateChanged += (_, e) => clientEvents.Enqueue(e);

            client.Abort();
            await server.Completion.WithTimeout();
            await client.Completion.WithTimeout();

            ConnectionStateChangedEventArgs serverEvent = Assert.Single(serverEvents);
            Assert.Equal(TcpState.Established, serverEvent.Previous);
            Assert.Equal(TcpState.Closed, serverEvent.Current);
            Assert.Equal(EndReason.Reset, serverEvent.EndReason);
            ConnectionStateChangedEventArgs clientEvent = Assert.Single(clientEvents);
            Assert.Equal(EndReason.Aborted, clientEvent.EndReason);
        }

        /// <summary>Each event's Previous is the last event's Current, starting from <paramref name="start"/>.</summary>
        private static void AssertChain(TcpState start, List<ConnectionStateChangedEventArgs> events)
        {
            TcpState expectedPrevious = start;
            foreach (ConnectionStateChangedEventArgs e in events)
            {
                Assert.Equal(expectedPrevious, e.Previous);
                Assert.NotEqual(e.Previous, e.Current);
                expectedPrevious = e.Current;
            }
        }
    }
}
