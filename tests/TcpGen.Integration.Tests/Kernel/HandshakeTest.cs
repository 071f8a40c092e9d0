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
    /// §3.7.1, RFC 7323 §2), Timestamps (RFC 7323 §3) and SACK-Permitted (RFC 2018 §2) are offered and accepted, and
    /// declined correctly when either side has them turned off (the kernel through its namespace's sysctls). Checked on
    /// the wire (SYN, SYN-ACK, and whether TcpGen's later segments carry TSopt) and in the kernel's own view (`ss -ti`):
    /// its mss is 1448 when it keeps room for TSopt in every segment, 1460 when not. (This kernel's `ss` prints no
    /// "ts"/"sack" words even between two kernel sockets, so those words cannot tell; the SACK blocks the kernel sends
    /// under loss are checked in BulkTransferTest.)
    /// </summary>
    public sealed class HandshakeTest
    {
        /// <summary>How long a kernel peer may take (startup of a .NET process included).</summary>
        private static readonly TimeSpan PeerTimeout = TimeSpan.FromSeconds(30);

        /// <summary>Data each way after the handshake, so segments with text show which options they carry.</summary>
        private const long TransferBytes = 256 * 1024;

        /// <summary>Segment text with a 12-octet TSopt in every segment: the MSS of 1460 less 12 (RFC 6691 §2).</summary>
        private const int MssLessTimestamps = 1448;

        [KernelFact]
        [Trait("Requirement", "MUST-14")]
        [Trait("Requirement", "MUST-16")]
        public async Task KernelClientShouldNegotiateMssWindowScaleTimestampsAndSack()
        {
            SegmentRecorder? recorder = null;
            using StackTestbed testbed = StackTestbed.Create(decorate: tun => recorder = new SegmentRecorder(tun));
            using ConnectionListener listener = await testbed.Stack.ListenAsync(7101);
            using KernelPeerProcess peer = testbed.StartPeer("client", "--address", TunTestbed.StackAddress + ":7101", "--send", TransferBytes.ToString(), "--close-delay", "3000", "--timeout", "25");
            using var cancel = new CancellationTokenSource(PeerTimeout);
            using TcpConnection connection = await listener.AcceptAsync(cancel.Token);

            RecordedSegment syn = recorder!.Single(s => !s.Outbound && s.IsSyn, "kernel SYN");
            Assert.Equal((ushort)1460, syn.Mss);
            Assert.NotNull(syn.WindowScale);
            AssertTimestampsAndSack(syn, true);

            RecordedSegment synAck = recorder.Single(s => s.Outbound && s.IsSynAck, "TcpGen SYN-ACK");
            Assert.Equal((ushort)1460, synAck.Mss);
            Assert.Equal((byte)7, synAck.WindowScale);
            AssertTimestampsAndSack(synAck, true);

            string info = KernelSocketInfo(testbed, TunTestbed.StackAddress + ":7101");
            // ss prints wscale:SEND,RECEIVE: the shift the kernel applies to our windows (ours, 7), then its own.
            AssertHas(info, "wscale:7," + syn.WindowScale);
            AssertWord(info, "mss:" + MssLessTimestamps); // the kernel leaves room for TSopt in every segment: agreed

            PeerReport ours = await StackScript.RunAsync(connection, TransferBytes, 5, sendAfterEof: true, close: true, cancel.Token);
            PeerReport kernel = peer.WaitForReport(PeerTimeout);
            AssertBothWaysIntact(ours, kernel);
            AssertEverySegmentCarriedTimestamps(recorder);
            Assert.Equal(MssLessTimestamps, recorder.LargestPayloadSent);
            Assert.Equal(MssLessTimestamps, recorder.LargestPayloadReceived);
        }

        [KernelFact]
        [Trait("Requirement", "MUST-14")]
        public async Task TcpGenClientShouldOfferEveryOptionAndKernelShouldAcceptThem()
        {
            SegmentRecorder? recorder = null;
            using StackTestbed testbed = StackTestbed.Create(decorate: tun => recorder = new SegmentRecorder(tun));
            using KernelPeerProcess peer = testbed.StartPeer("server", "--address", TunTestbed.KernelAddress + ":7102", "--send", TransferBytes.ToString(), "--send-after-eof", "--timeout", "25");
            peer.WaitForLine("listening", PeerTimeout);
            using var cancel = new CancellationTokenSource(PeerTimeout);
            using TcpConnection connection = await testbed.Stack.ConnectAsync(StackTestbed.KernelAddress, 7102, cancel.Token);

            RecordedSegment syn = recorder!.Single(s => s.Outbound && s.IsSyn, "TcpGen SYN");
            Assert.Equal((ushort)1460, syn.Mss);
            Assert.Equal((byte)7, syn.WindowScale);
            AssertTimestampsAndSack(syn, true);

            RecordedSegment synAck = recorder.Single(s => !s.Outbound && s.IsSynAck, "kernel SYN-ACK");
            Assert.Equal((ushort)1460, synAck.Mss);
            Assert.NotNull(synAck.WindowScale);
            AssertTimestampsAndSack(synAck, true);

            string info = KernelSocketInfo(testbed, TunTestbed.KernelAddress + ":7102");
            AssertHas(info, "wscale:7," + synAck.WindowScale);
            AssertWord(info, "mss:" + MssLessTimestamps); // the kernel leaves room for TSopt in every segment: agreed

            PeerReport ours = await StackScript.RunAsync(connection, TransferBytes, 6, sendAfterEof: false, close: true, cancel.Token);
            PeerReport kernel = peer.WaitForReport(PeerTimeout);
            AssertBothWaysIntact(ours, kernel);
            AssertEverySegmentCarriedTimestamps(recorder);
        }

        [KernelFact]
        [Trait("Requirement", "MUST-14")]
        public async Task KernelWithTimestampsAndSackOffShouldDeclineTcpGensOfferAndGetNeither()
        {
            SegmentRecorder? recorder = null;
            using StackTestbed testbed = StackTestbed.Create(decorate: tun => recorder = new SegmentRecorder(tun));
            // Per-namespace switches: only the kernel inside this test's namespace stops answering the two options.
            testbed.Execute("sysctl", "-q", "-w", "net.ipv4.tcp_timestamps=0", "net.ipv4.tcp_sack=0");
            using KernelPeerProcess peer = testbed.StartPeer("server", "--address", TunTestbed.KernelAddress + ":7104", "--send", TransferBytes.ToString(), "--send-after-eof", "--timeout", "25");
            peer.WaitForLine("listening", PeerTimeout);
            using var cancel = new CancellationTokenSource(PeerTimeout);
            using TcpConnection connection = await testbed.Stack.ConnectAsync(StackTestbed.KernelAddress, 7104, cancel.Token);

            RecordedSegment syn = recorder!.Single(s => s.Outbound && s.IsSyn, "TcpGen SYN");
            AssertTimestampsAndSack(syn, true);
            RecordedSegment synAck = recorder.Single(s => !s.Outbound && s.IsSynAck, "kernel SYN-ACK");
            AssertTimestampsAndSack(synAck, false);

            string info = KernelSocketInfo(testbed, TunTestbed.KernelAddress + ":7104");
            AssertWord(info, "mss:1460"); // no room kept for TSopt: not agreed

            PeerReport ours = await StackScript.RunAsync(connection, TransferBytes, 7, sendAfterEof: false, close: true, cancel.Token);
            PeerReport kernel = peer.WaitForReport(PeerTimeout);
            AssertBothWaysIntact(ours, kernel);
            // RFC 7323 3.2: without a TSopt in the SYN-ACK, no later segment may carry one; the full MSS is text again.
            Assert.Equal(0, recorder.SentWithTimestamps);
            Assert.True(recorder.SentWithoutTimestamps > 0);
            Assert.Equal(1460, recorder.LargestPayloadSent);
        }

        [KernelFact]
        [Trait("Requirement", "MUST-14")]
        public async Task TcpGenWithTimestampsAndSackOffShouldDeclineTheKernelsOffer()
        {
            SegmentRecorder? recorder = null;
            using StackTestbed testbed = StackTestbed.Create(
                configure: o =>
                {
                    o.Timestamps = false;
                    o.SelectiveAcknowledgments = false;
                },
                decorate: tun => recorder = new SegmentRecorder(tun));
            using ConnectionListener listener = await testbed.Stack.ListenAsync(7105);
            using KernelPeerProcess peer = testbed.StartPeer("client", "--address", TunTestbed.StackAddress + ":7105", "--send", TransferBytes.ToString(), "--close-delay", "3000", "--timeout", "25");
            using var cancel = new CancellationTokenSource(PeerTimeout);
            using TcpConnection connection = await listener.AcceptAsync(cancel.Token);

            RecordedSegment syn = recorder!.Single(s => !s.Outbound && s.IsSyn, "kernel SYN");
            AssertTimestampsAndSack(syn, true);
            RecordedSegment synAck = recorder.Single(s => s.Outbound && s.IsSynAck, "TcpGen SYN-ACK");
            AssertTimestampsAndSack(synAck, false);

            string info = KernelSocketInfo(testbed, TunTestbed.StackAddress + ":7105");
            AssertWord(info, "mss:1460"); // no room kept for TSopt: not agreed

            PeerReport ours = await StackScript.RunAsync(connection, TransferBytes, 8, sendAfterEof: true, close: true, cancel.Token);
            PeerReport kernel = peer.WaitForReport(PeerTimeout);
            AssertBothWaysIntact(ours, kernel);
            Assert.Equal(0, recorder.SentWithTimestamps);
            Assert.Equal(1460, recorder.LargestPayloadReceived);
        }

        [KernelFact]
        [Trait("Requirement", "MUST-14")]
        [Trait("Requirement", "MUST-16")]
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

        /// <summary>The kernel's socket information has <paramref name="word"/> as a whole word ("mss:1448", not "advmss:1448").</summary>
        private static void AssertWord(string info, string word)
        {
            string[] words = info.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
            Assert.True(words.Contains(word), "'" + word + "' not a word of the kernel's socket information: " + info);
        }

        /// <summary>A SYN or SYN-ACK carried both Timestamps and SACK-Permitted, or neither.</summary>
        private static void AssertTimestampsAndSack(RecordedSegment segment, bool carried)
        {
            Assert.True(segment.SackPermitted == carried, "SACK-Permitted " + (carried ? "missing from " : "on ") + segment);
            Assert.True(segment.Timestamps == carried, "Timestamps " + (carried ? "missing from " : "on ") + segment);
        }

        /// <summary>Each side received exactly what the other sent (SHA-256 of the streams).</summary>
        private static void AssertBothWaysIntact(PeerReport ours, PeerReport kernel)
        {
            Assert.Equal(kernel.SentSha256, ours.ReceivedSha256);
            Assert.Equal(ours.SentSha256, kernel.ReceivedSha256);
        }

        /// <summary>RFC 7323 3.2: once agreed, TSopt is in every non-RST segment TcpGen sends.</summary>
        private static void AssertEverySegmentCarriedTimestamps(SegmentRecorder recorder)
        {
            Assert.Equal(0, recorder.SentWithoutTimestamps);
            Assert.True(recorder.SentWithTimestamps > 0);
        }
    }
}
