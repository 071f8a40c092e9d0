using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TcpGen.Integration.Tests.Infrastructure;
using TcpGen.Runtime;
using TcpGen.Runtime.Engine;
using TcpGen.Runtime.Hosting;
using Xunit;

namespace TcpGen.Integration.Tests.Kernel
{
    /// <summary>
    /// Ending connections against the kernel's TCP: half-close in either direction (data keeps flowing the other
    /// way), TIME-WAIT on whichever side closed first, simultaneous close, resets both ways and refused connects.
    /// </summary>
    public sealed class CloseTest
    {
        /// <summary>How long one exchange may take (startup of the .NET peer included).</summary>
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

        /// <summary>Data sent by the side that keeps sending after the other half-closed.</summary>
        private const long AfterCloseBytes = 4L * 1024 * 1024;

        [KernelFact]
        [Trait("Requirement", "MUST-13")]
        public async Task TcpGenHalfCloseShouldLetKernelKeepSendingAndLeaveTcpGenInTimeWait()
        {
            using StackTestbed testbed = StackTestbed.Create();
            using ConnectionListener listener = await testbed.Stack.ListenAsync(7201);
            using KernelPeerProcess peer = testbed.StartPeer(
                "client", "--address", TunTestbed.StackAddress + ":7201", "--send", AfterCloseBytes.ToString(), "--send-after-eof", "--timeout", "25");
            using var cancel = new CancellationTokenSource(Timeout);
            using TcpConnection connection = await listener.AcceptAsync(cancel.Token);
            var states = Record(connection);

            PeerReport ours = await StackScript.RunAsync(connection, 100_000, 5, sendAfterEof: false, close: true, cancel.Token);
            PeerReport kernel = peer.WaitForReport(Timeout);

            Assert.Equal(100_000, kernel.Received);
            Assert.Equal(ours.SentSha256, kernel.ReceivedSha256);
            Assert.Equal(AfterCloseBytes, ours.Received);
            Assert.Equal(kernel.SentSha256, ours.ReceivedSha256);
            await connection.Completion.WaitAsync(cancel.Token);
            Assert.Contains("FIN-WAIT-2", states);
            Assert.Equal(1, (await testbed.WaitForSnapshotAsync(s => s.Count(TcpState.TimeWait) == 1, Timeout)).Count(TcpState.TimeWait));
            Assert.Empty(testbed.KernelSockets("time-wait"));

            // 2×MSL (MSL is 1 s in the testbed) later the connection is gone (MUST-13).
            TcpStackSnapshot later = await testbed.WaitForSnapshotAsync(s => s.Count(TcpState.TimeWait) == 0, TimeSpan.FromSeconds(10));
            Assert.Equal(0, later.Count(TcpState.TimeWait));
        }

        [KernelFact]
        public async Task KernelHalfCloseShouldLetTcpGenKeepSendingAndLeaveKernelInTimeWait()
        {
            using StackTestbed testbed = StackTestbed.Create();
            using ConnectionListener listener = await testbed.Stack.ListenAsync(7202);
            using KernelPeerProcess peer = testbed.StartPeer("client", "--address", TunTestbed.StackAddress + ":7202", "--send", "100000", "--timeout", "25");
            using var cancel = new CancellationTokenSource(Timeout);
            using TcpConnection connection = await listener.AcceptAsync(cancel.Token);
            var states = Record(connection);

            PeerReport ours = await StackScript.RunAsync(connection, AfterCloseBytes, 6, sendAfterEof: true, close: true, cancel.Token);
            PeerReport kernel = peer.WaitForReport(Timeout);

            Assert.Equal(100_000, ours.Received);
            Assert.Equal(kernel.SentSha256, ours.ReceivedSha256);
            Assert.Equal(AfterCloseBytes, kernel.Received);
            Assert.Equal(ours.SentSha256, kernel.ReceivedSha256);
            await connection.Completion.WaitAsync(cancel.Token);
            Assert.Contains("CLOSE-WAIT", states);
            Assert.Contains("LAST-ACK", states);
            Assert.Equal(EndReason.Graceful, connection.EndReason);
            string timeWait = Assert.Single(testbed.KernelSockets("time-wait"));
            Assert.Contains(TunTestbed.StackAddress + ":7202", timeWait, StringComparison.Ordinal);
            Assert.Equal(0, (await testbed.Stack.GetSnapshotAsync()).Count(TcpState.TimeWait));
        }

        [KernelFact]
        public async Task SimultaneousCloseShouldPassThroughClosingAndLeaveBothSidesInTimeWait()
        {
            GateLink? gate = null;
            using StackTestbed testbed = StackTestbed.Create(decorate: tun => gate = new GateLink(tun));
            using ConnectionListener listener = await testbed.Stack.ListenAsync(7203);

            // The kernel closes one second after connecting; our FIN is held back until its FIN has reached us, so the two cross.
            using KernelPeerProcess peer = testbed.StartPeer("client", "--address", TunTestbed.StackAddress + ":7203", "--close-delay", "1000", "--timeout", "25");
            using var cancel = new CancellationTokenSource(Timeout);
            using TcpConnection connection = await listener.AcceptAsync(cancel.Token);
            var states = Record(connection);
            gate!.Close();

            PeerReport ours = await StackScript.RunAsync(connection, 0, 7, sendAfterEof: false, close: true, cancel.Token);
            Assert.Equal("eof", ours.End);
            await WaitUntilAsync(() => connection.State == TcpState.Closing, cancel.Token);
            Assert.True(gate.HeldCount > 0, "our FIN was not held");
            gate.Open();

            Assert.Equal("eof", peer.WaitForReport(Timeout).End);
            await connection.Completion.WaitAsync(cancel.Token);
            Assert.Equal(["FIN-WAIT-1", "CLOSING", "TIME-WAIT"], states.Skip(states.IndexOf("FIN-WAIT-1")).Take(3));
            Assert.Equal(1, (await testbed.WaitForSnapshotAsync(s => s.Count(TcpState.TimeWait) == 1, Timeout)).Count(TcpState.TimeWait));
            Assert.Single(testbed.KernelSockets("time-wait"));
        }

        [KernelFact]
        [Trait("Requirement", "MUST-12")]
        public async Task KernelLingerZeroCloseShouldBeReportedAsReset()
        {
            using StackTestbed testbed = StackTestbed.Create();
            using ConnectionListener listener = await testbed.Stack.ListenAsync(7204);
            using KernelPeerProcess peer = testbed.StartPeer("client", "--address", TunTestbed.StackAddress + ":7204", "--reset", "--close-delay", "300", "--timeout", "25");
            using var cancel = new CancellationTokenSource(Timeout);
            using TcpConnection connection = await listener.AcceptAsync(cancel.Token);

            PeerReport ours = await StackScript.RunAsync(connection, 0, 8, sendAfterEof: true, close: true, cancel.Token);

            Assert.Equal("reset-sent", peer.WaitForReport(Timeout).End);
            Assert.Equal("error:Reset", ours.End);
            Assert.Equal(EndReason.Reset, connection.EndReason);
            var error = await Assert.ThrowsAsync<TcpConnectionException>(() => connection.CloseAsync(cancel.Token));
            Assert.Equal(EndReason.Reset, error.Reason);
            Assert.True((await testbed.Stack.GetSnapshotAsync()).ResetsReceived >= 1);
        }

        [KernelFact]
        [Trait("Requirement", "MUST-12")]
        public async Task TcpGenAbortShouldResetTheKernelSocket()
        {
            using StackTestbed testbed = StackTestbed.Create();
            using KernelPeerProcess peer = testbed.StartPeer("server", "--address", TunTestbed.KernelAddress + ":7205", "--send-after-eof", "--send", "1000", "--timeout", "25");
            peer.WaitForLine("listening", Timeout);
            using var cancel = new CancellationTokenSource(Timeout);
            using TcpConnection connection = await testbed.Stack.ConnectAsync(StackTestbed.KernelAddress, 7205, cancel.Token);

            connection.Abort();

            Assert.Equal("error:ConnectionReset", peer.WaitForReport(Timeout).End);
            await connection.Completion.WaitAsync(cancel.Token);
            Assert.Equal(EndReason.Aborted, connection.EndReason);
        }

        [KernelFact]
        public async Task KernelConnectToClosedTcpGenPortShouldBeRefused()
        {
            using StackTestbed testbed = StackTestbed.Create();
            using KernelPeerProcess peer = testbed.StartPeer("client", "--address", TunTestbed.StackAddress + ":7206", "--timeout", "25");

            Assert.Equal("connect-error:ConnectionRefused", peer.WaitForReport(Timeout).End);
            Assert.True((await testbed.Stack.GetSnapshotAsync()).ResetsSent >= 1);
        }

        [KernelFact]
        public async Task TcpGenConnectToClosedKernelPortShouldFailAsRefusedByReset()
        {
            using StackTestbed testbed = StackTestbed.Create();
            using var cancel = new CancellationTokenSource(Timeout);

            var error = await Assert.ThrowsAsync<TcpConnectionException>(async () => await testbed.Stack.ConnectAsync(StackTestbed.KernelAddress, 7207, cancel.Token));

            Assert.Equal(EndReason.Refused, error.Reason);
            Assert.Equal(0, (await testbed.Stack.GetSnapshotAsync()).Count(TcpState.SynSent));
        }

        /// <summary>Collects the RFC names of the states <paramref name="connection"/> passes through, in order.</summary>
        private static System.Collections.Generic.List<string> Record(TcpConnection connection)
        {
            var states = new System.Collections.Generic.List<string>();
            connection.StateChanged += (_, e) =>
            {
                lock (states)
                {
                    states.Add(TcpTransitions.RfcStateName(e.Current));
                }
            };
            return states;
        }

        private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
        {
            while (!condition())
            {
                await Task.Delay(10, cancellationToken);
            }
        }
    }
}
