using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using TcpGen.Runtime.Tun;

namespace TcpGen.Integration.Tests.Infrastructure
{
    /// <summary>
    /// One test's world: a fresh network namespace holding a TUN device whose kernel side is
    /// <see cref="KernelAddress"/>/24 and up, with TcpGen owning the device's descriptor as <see cref="StackAddress"/>.
    /// The device is created inside the namespace and never appears in the host's. Dispose kills the peers, closes
    /// the device and deletes the namespace, whatever state the test left them in.
    /// </summary>
    internal sealed class TunTestbed : IDisposable
    {
        /// <summary>The kernel's address on the TUN device (RFC 2544 benchmarking range 198.18.0.0/15).</summary>
        public const string KernelAddress = "198.18.0.1";

        /// <summary>The TcpGen stack's address behind the device.</summary>
        public const string StackAddress = "198.18.0.2";

        /// <summary>Makes device names unique within this process (names are per namespace, but readable ones help debugging).</summary>
        private static int s_sequence;

        /// <summary>Peers started by the test, killed on dispose.</summary>
        private readonly List<KernelPeerProcess> _peers = new();

        /// <summary>Builds the testbed from parts <see cref="Create"/> has set up.</summary>
        private TunTestbed(NetworkNamespace networkNamespace, TunLink link)
        {
            Namespace = networkNamespace;
            Link = link;
        }

        /// <summary>The namespace everything lives in.</summary>
        public NetworkNamespace Namespace { get; }

        /// <summary>TcpGen's end of the device.</summary>
        public TunLink Link { get; }

        /// <summary>Creates the namespace and the device and configures the kernel side.</summary>
        public static TunTestbed Create(int? mtu = null)
        {
            NetworkNamespace networkNamespace = NetworkNamespace.Create();
            TunLink? link = null;
            try
            {
                string device = string.Create(CultureInfo.InvariantCulture, $"tgt{Interlocked.Increment(ref s_sequence)}");
                link = TunLink.OpenInNamespace(device, networkNamespace.Name);
                if (mtu is int value)
                {
                    IpCommand.SetMtu(link.DeviceName, value, networkNamespace.Name);
                }

                IpCommand.AddAddress(link.DeviceName, KernelAddress + "/24", networkNamespace.Name);
                IpCommand.SetUp(link.DeviceName, networkNamespace.Name);
                return new TunTestbed(networkNamespace, link);
            }
            catch
            {
                link?.Dispose();
                networkNamespace.Dispose();
                throw;
            }
        }

        /// <summary>Starts the kernel peer in the namespace with the given arguments.</summary>
        public KernelPeerProcess StartPeer(params string[] arguments)
        {
            var peer = new KernelPeerProcess(Namespace.Name, arguments);
            _peers.Add(peer);
            return peer;
        }

        /// <summary>Kills peers, closes the device, deletes the namespace.</summary>
        public void Dispose()
        {
            foreach (KernelPeerProcess peer in _peers)
            {
                peer.Dispose();
            }

            Link.Dispose();
            Namespace.Dispose();
        }
    }
}
