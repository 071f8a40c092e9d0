using System;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TcpGen.Integration.Tests.Infrastructure;
using TcpGen.Runtime;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Hosting;
using Xunit;

namespace TcpGen.Integration.Tests.Kernel
{
    /// <summary>
    /// A kernel client reconnecting from the same port while TcpGen, which closed first, still holds the old connection in
    /// TIME-WAIT: the kernel's new SYN is above the old RCV.NXT, so TcpGen reopens the connection at once (RFC 9293
    /// §3.6.1, MAY-2; RFC 6191) instead of answering with an ACK the kernel resets and retries a second later.
    /// </summary>
    public sealed class TimeWaitReuseTest
    {
        /// <summary>How long the whole exchange may take.</summary>
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

        /// <summary>Connections made from the one client port.</summary>
        private const int Rounds = 5;

        [KernelFact]
        [Trait("Requirement", "MAY-2")]
        [Trait("Requirement", "MUST-13")]
        public async Task KernelClientReusingItsPortShouldReopenTcpGensTimeWaitConnectionAtOnce()
        {
            SegmentRecorder? recorder = null;
            // 2 x MSL of 60 s: every reconnection below meets the previous connection still in TIME-WAIT.
            using StackTestbed testbed = StackTestbed.Create(o => o.MaximumSegmentLifetime = TimeSpan.FromSeconds(30), tun => recorder = new SegmentRecorder(tun));
            using ConnectionListener listener = await testbed.Stack.ListenAsync(7301);
            using var cancel = new CancellationTokenSource(Timeout);
            Task server = ServeAsync(listener, Rounds, cancel.Token);

            for (int round = 0; round < Rounds; round++)
            {
                // Each round starts with the previous connection in TIME-WAIT (waited for below).
                string body = testbed.Execute("curl", "-sS", "--fail", "-m", "10", "--local-port", "40123", "http://" + TunTestbed.StackAddress + ":7301/");
                Assert.Equal("ok", body);
                await testbed.WaitForSnapshotAsync(s => s.Count(TcpState.TimeWait) == 1, Timeout);
            }

            await server.WaitAsync(cancel.Token);
            // One SYN per round and no reset from the kernel: no SYN was answered with an ACK, reset and retried.
            var control = recorder!.Control;
            Assert.Equal(Rounds, control.Count(s => !s.Outbound && s.IsSyn && s.SourcePort == 40123));
            Assert.DoesNotContain(control, s => !s.Outbound && (s.Flags & TcpFlags.Rst) != 0);
            TcpStackSnapshot snapshot = await testbed.Stack.GetSnapshotAsync();
            Assert.Equal(Rounds, snapshot.PassiveOpens);
            Assert.Equal(0, snapshot.ChallengeAcksSent);
        }

        /// <summary>Answers <paramref name="count"/> HTTP requests, one per connection, closing each first.</summary>
        private static async Task ServeAsync(ConnectionListener listener, int count, CancellationToken cancel)
        {
            // No Content-Length: the body ends with our FIN, so curl closes only after it and TcpGen is the side in TIME-WAIT.
            byte[] response = Encoding.ASCII.GetBytes("HTTP/1.0 200 OK\r\nConnection: close\r\n\r\nok");
            for (int i = 0; i < count; i++)
            {
                using TcpConnection connection = await listener.AcceptAsync(cancel);
                var stream = connection.GetStream();
                var request = new StringBuilder();
                byte[] buffer = new byte[1024];
                while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    int read = await stream.ReadAsync(buffer, cancel);
                    if (read == 0)
                    {
                        break;
                    }

                    request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                await stream.WriteAsync(response, cancel);
                await connection.CloseAsync(cancel);
            }
        }
    }
}
