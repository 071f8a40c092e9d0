using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TcpGen.Integration.Tests.Infrastructure;
using TcpGen.Runtime.Hosting;
using Xunit;

namespace TcpGen.Integration.Tests.Kernel
{
    /// <summary>
    /// The three-way handshake against the kernel's TCP, both ways round: MSS and window scale are negotiated (RFC 9293
    /// §3.7.1, RFC 7323 §2), and the options TcpGen does not implement (timestamps, SACK) are declined by leaving them
    /// out, which the kernel accepts. Checked on the wire (SYN and SYN-ACK) and in the kernel's own view (`ss -ti`).
    /// </summary>
    public sealed class HandshakeTest
    {
        /// <summary>How long a kernel peer may take (startup of a .NET process included).</summary>
        private static readonly TimeSpan PeerTimeout = TimeSpan.FromSeconds(30);

        [KernelFact]
        [Trait("Rfc9293", "MUST-14")]
        public async Task KernelClientShouldNegotiateMssAndWindowScaleAndGetNoTimestampsOrSack()
        {
            SegmentRecorder? recorder = null;
            using StackTestbed testbed = StackTestbed.Create(decorate: tun => recorder = new SegmentRecorder(tun));
            using ConnectionListener listener = await testbed.Stack.ListenAsync(7101);
            using KernelPeerProcess peer = testbed.StartPeer("client", "--address", TunTestbed.StackAddress + ":7101", "--close-delay", "3000", "--timeout", "25");
            using var cancel = new CancellationTokenSource(PeerTimeout);
            using TcpConnection connection = await listener.AcceptAsync(cancel.Token);

            RecordedSegment syn = recorder!.Single(s => !s.Outbound && s.IsSyn, "kernel SYN");
            Assert.Equal((ushort)1460, syn.Mss);
            Assert.NotNull(syn.WindowScale);
            Assert.True(syn.SackPermitted);
            Assert.True(syn.Timestamps);

            RecordedSegment synAck = recorder.Single(s => s.Outbound && s.IsSynAck, "TcpGen SYN-ACK");
            Assert.Equal((ushort)1460, synAck.Mss);
            Assert.Equal((byte)7, synAck.WindowScale);
            Assert.False(synAck.SackPermitted);
            Assert.False(synAck.Timestamps);

            string info = KernelSocketInfo(testbed, TunTestbed.StackAddress + ":7101");
            // ss prints wscale:SEND,RECEIVE: the shift the kernel applies to our windows (ours, 7), then its own.
            AssertHas(info, "wscale:7," + syn.WindowScale);
            AssertHas(info, "mss:1460");
            AssertNoOption(info, "ts");
            AssertNoOption(info, "sack");

            await StackScript.RunAsync(connection, 0, 1, sendAfterEof: true, close: true, cancel.Token);
            Assert.Equal("eof", peer.WaitForReport(PeerTimeout).End);
        }

        [KernelFact]
        [Trait("Rfc9293", "MUST-14")]
        public async Task TcpGenClientShouldOfferMssAndWindowScaleOnlyAndKernelShouldAnswerInKind()
        {
            SegmentRecorder? recorder = null;
            using StackTestbed testbed = StackTestbed.Create(decorate: tun => recorder = new SegmentRecorder(tun));
            using KernelPeerProcess peer = testbed.StartPeer("server", "--address", TunTestbed.KernelAddress + ":7102", "--send-after-eof", "--timeout", "25");
            peer.WaitForLine("listening", PeerTimeout);
            using var cancel = new CancellationTokenSource(PeerTimeout);
            using TcpConnection connection = await testbed.Stack.ConnectAsync(StackTestbed.KernelAddress, 7102, cancel.Token);

            RecordedSegment syn = recorder!.Single(s => s.Outbound && s.IsSyn, "TcpGen SYN");
            Assert.Equal((ushort)1460, syn.Mss);
            Assert.Equal((byte)7, syn.WindowScale);
            Assert.False(syn.SackPermitted);
            Assert.False(syn.Timestamps);

            RecordedSegment synAck = recorder.Single(s => !s.Outbound && s.IsSynAck, "kernel SYN-ACK");
            Assert.Equal((ushort)1460, synAck.Mss);
            Assert.NotNull(synAck.WindowScale);
            Assert.False(synAck.SackPermitted);
            Assert.False(synAck.Timestamps);

            string info = KernelSocketInfo(testbed, TunTestbed.KernelAddress + ":7102");
            AssertHas(info, "wscale:7," + synAck.WindowScale);
            AssertNoOption(info, "ts");
            AssertNoOption(info, "sack");

            await StackScript.RunAsync(connection, 0, 1, sendAfterEof: false, close: true, cancel.Token);
            Assert.Equal("eof", peer.WaitForReport(PeerTimeout).End);
        }

        [KernelFact]
        [Trait("Rfc9293", "MUST-14")]
        [Trait("Rfc9293", "MUST-16")]
        public async Task SmallerDeviceMtuShouldLowerTheKernelMssAndTcpGenShouldSendNoLargerSegments()
        {
            const long bytes = 512 * 1024;
            SegmentRecorder? recorder = null;
            using StackTestbed testbed = StackTestbed.Create(decorate: tun => recorder = new SegmentRecorder(tun), mtu: 1280);
            using ConnectionListener listener = await testbed.Stack.ListenAsync(7103);
            using KernelPeerProcess peer = testbed.StartPeer("client", "--address", TunTestbed.StackAddress + ":7103", "--send", "524288", "--timeout", "25");
            using var cancel = new CancellationTokenSource(PeerTimeout);
            using TcpConnection connection = await listener.AcceptAsync(cancel.Token);

            PeerReport ours = await StackScript.RunAsync(connection, bytes, 3, sendAfterEof: false, close: true, cancel.Token);
            PeerReport kernel = peer.WaitForReport(PeerTimeout);

            Assert.Equal((ushort)1240, recorder!.Single(s => !s.Outbound && s.IsSyn, "kernel SYN").Mss);
            Assert.Equal(bytes, ours.Received);
            Assert.Equal(ours.SentSha256, kernel.ReceivedSha256);
            Assert.InRange(recorder.LargestPayloadSent, 1, 1240);
            Assert.InRange(recorder.LargestPayloadReceived, 1, 1240);
        }

        /// <summary>The kernel's `ss -tin` line for its established connection to or from <paramref name="endpoint"/>.</summary>
        private static string KernelSocketInfo(StackTestbed testbed, string endpoint)
        {
            string output = testbed.Execute("ss", "-tinH", "state", "established");
            Assert.Contains(endpoint, output, StringComparison.Ordinal);
            return output;
        }

        /// <summary>The kernel's socket information contains <paramref name="text"/>.</summary>
        private static void AssertHas(string info, string text) =>
            Assert.True(info.Contains(text, StringComparison.Ordinal), "'" + text + "' not in the kernel's socket information: " + info);

        /// <summary>`ss -ti` lists negotiated options as bare words ("ts", "sack"); the word must be absent.</summary>
        private static void AssertNoOption(string info, string option)
        {
            string[] words = info.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
            Assert.False(words.Contains(option), "the kernel reports option '" + option + "' as negotiated: " + info);
        }
    }
}
