using System;
using System.Threading;
using TcpGen.Integration.Tests.Infrastructure;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Tun;
using Xunit;

namespace TcpGen.Integration.Tests.Tun
{
    /// <summary>The TUN link on its own against the kernel: device lifecycle, error messages, packets both ways through the codec.</summary>
    public sealed class TunLinkTest
    {
        /// <summary>How long a kernel peer may take (startup of a .NET process included).</summary>
        private static readonly TimeSpan PeerTimeout = TimeSpan.FromSeconds(30);

        [Fact]
        public void OpenWithOverlongNameShouldThrowOneLineMessage()
        {
            var error = Assert.Throws<TunException>(() => TunLink.Open("name-longer-than-15"));

            Assert.Equal(Errno.EINVAL, error.Errno);
            Assert.Contains("1 to 15 characters", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', error.Message);
        }

        [Fact]
        public void OpenWithSlashInNameShouldThrowOneLineMessage()
        {
            var error = Assert.Throws<TunException>(() => TunLink.Open("tun/0"));

            Assert.Equal(Errno.EINVAL, error.Errno);
            Assert.Contains("'/'", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void OpenInMissingNamespaceShouldSaySo()
        {
            var error = Assert.Throws<TunException>(() => TunLink.OpenInNamespace("tgx0", "tgit-no-such-namespace"));

            Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        }

        [KernelFact]
        public void OpenInNamespaceShouldCreateDeviceThatExistsOnlyThereAndOnlyWhileOpen()
        {
            using NetworkNamespace networkNamespace = NetworkNamespace.Create();
            string device;
            using (TunLink link = TunLink.OpenInNamespace("tgcreate", networkNamespace.Name))
            {
                device = link.DeviceName;
                Assert.Equal("tgcreate", device);
                Assert.True(link.CreatedDevice);
                Assert.Equal(TunLink.DefaultMtu, link.Mtu);
                Assert.Contains(device, networkNamespace.Execute("ip", "-o", "link", "show"), StringComparison.Ordinal);
                Assert.DoesNotContain(device + ":", ProcessRunner.Run("ip", ["-o", "link", "show"]), StringComparison.Ordinal);
            }

            Assert.DoesNotContain(device, networkNamespace.Execute("ip", "-o", "link", "show"), StringComparison.Ordinal);
        }

        [KernelFact]
        public void OpenOfPersistentDeviceShouldAttachAndLeaveItInPlace()
        {
            using NetworkNamespace networkNamespace = NetworkNamespace.Create();
            networkNamespace.Execute("ip", "tuntap", "add", "dev", "tgkeep", "mode", "tun", "user", "nobody");

            using (TunLink link = TunLink.OpenInNamespace("tgkeep", networkNamespace.Name))
            {
                Assert.False(link.CreatedDevice);
            }

            Assert.Contains("tgkeep", networkNamespace.Execute("ip", "-o", "link", "show"), StringComparison.Ordinal);
        }

        [KernelFact]
        public void SecondOpenOfSameDeviceShouldFailAsBusy()
        {
            using NetworkNamespace networkNamespace = NetworkNamespace.Create();
            using TunLink first = TunLink.OpenInNamespace("tgbusy", networkNamespace.Name);

            var error = Assert.Throws<TunException>(() => TunLink.OpenInNamespace("tgbusy", networkNamespace.Name));

            Assert.Equal(Errno.EBUSY, error.Errno);
            Assert.Equal("TUN device 'tgbusy' is busy: another process already has it open", error.Message);
        }

        [KernelFact]
        public void OpenOfTapDeviceShouldExplainItIsNotTun()
        {
            using NetworkNamespace networkNamespace = NetworkNamespace.Create();
            networkNamespace.Execute("ip", "tuntap", "add", "dev", "tgtap", "mode", "tap");

            var error = Assert.Throws<TunException>(() => TunLink.OpenInNamespace("tgtap", networkNamespace.Name));

            Assert.Equal(Errno.EINVAL, error.Errno);
            Assert.Contains("is not a TUN device", error.Message, StringComparison.Ordinal);
        }

        [KernelFact]
        public void InterruptShouldWakeWaitReceivable()
        {
            using TunTestbed testbed = TunTestbed.Create();
            bool? result = null;
            using var started = new ManualResetEventSlim();
            var waiter = new Thread(() =>
            {
                started.Set();
                while (testbed.Link.WaitReceivable(TimeSpan.FromMinutes(1)))
                {
                    // Drain what the kernel sends on link up (IPv6 router solicitations): only the interrupt ends the wait with false.
                    while (testbed.Link.TryReceive(new byte[2048], out _))
                    {
                    }
                }

                result = false;
            });
            waiter.Start();
            started.Wait();

            // An interrupt that lands together with a packet is consumed by a wait that reports the packet (true), so
            // interrupt until the waiter sees one alone; its own one-minute timeout cannot end it within 30 s.
            DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            do
            {
                testbed.Link.Interrupt();
            }
            while (!waiter.Join(TimeSpan.FromMilliseconds(100)) && DateTime.UtcNow < deadline);

            Assert.True(waiter.Join(TimeSpan.Zero), "WaitReceivable did not return after Interrupt");
            Assert.False(result);
        }

        [KernelFact]
        public void KernelConnectShouldArriveAsSynAndOurResetShouldRefuseIt()
        {
            using TunTestbed testbed = TunTestbed.Create();
            using KernelPeerProcess peer = testbed.StartPeer("client", "--address", TunTestbed.StackAddress + ":7001", "--timeout", "20");
            byte[] buffer = new byte[testbed.Link.Mtu];
            var drops = new DropCounters();
            int length = WaitForTcp(testbed.Link, buffer, drops);

            Assert.True(PacketParser.Parse(buffer.AsSpan(0, length), out TcpSegmentView syn).IsOk);
            Assert.Equal(TcpFlags.Syn, syn.Flags);
            Assert.Equal((ushort)7001, syn.DestinationPort);
            Assert.Equal(IpAddress.Parse(TunTestbed.KernelAddress), syn.Source);
            Assert.Equal((ushort)1460, syn.Options.MaximumSegmentSize);
            Assert.NotNull(syn.Options.WindowScale);
            Assert.True(syn.Options.SackPermitted);
            Assert.NotNull(syn.Options.Timestamps);

            var reset = new OutgoingSegment
            {
                Source = syn.Destination,
                Destination = syn.Source,
                SourcePort = syn.DestinationPort,
                DestinationPort = syn.SourcePort,
                SequenceNumber = 0,
                AcknowledgmentNumber = syn.SequenceNumber + 1,
                Flags = TcpFlags.Rst | TcpFlags.Ack,
                HopLimit = OutgoingSegment.DefaultHopLimit,
            };
            byte[] packet = new byte[128];
            int written = SegmentBuilder.Write(packet, reset, default);
            testbed.Link.Send(packet.AsSpan(0, written));

            PeerReport report = peer.WaitForReport(PeerTimeout);
            Assert.Equal("connect-error:ConnectionRefused", report.End);
            Assert.Equal(1, testbed.Link.PacketsSent);
        }

        [KernelFact]
        public void SendAfterDisposeShouldBeCountedAsDroppedNotThrown()
        {
            using TunTestbed testbed = TunTestbed.Create();
            testbed.Link.Dispose();

            testbed.Link.Send(new byte[40]);

            Assert.Equal(1, testbed.Link.SendsDropped);
            Assert.False(testbed.Link.TryReceive(new byte[2048], out _));
            Assert.False(testbed.Link.WaitReceivable(TimeSpan.Zero));
        }

        /// <summary>Reads packets until a TCP one parses; every other packet (IPv6 router solicitations, MLD) is counted by reason.</summary>
        private static int WaitForTcp(TunLink link, byte[] buffer, DropCounters drops)
        {
            DateTime deadline = DateTime.UtcNow + PeerTimeout;
            while (DateTime.UtcNow < deadline)
            {
                link.WaitReceivable(TimeSpan.FromSeconds(1));
                while (link.TryReceive(buffer, out int length))
                {
                    PacketParseResult result = PacketParser.Parse(buffer.AsSpan(0, length), out _);
                    if (result.IsOk)
                    {
                        return length;
                    }

                    drops.Increment(result.DropReason);
                }
            }

            throw new TimeoutException("no TCP packet arrived from the kernel");
        }
    }
}
