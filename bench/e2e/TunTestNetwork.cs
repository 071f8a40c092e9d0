using TcpGen.Runtime.Tun;

namespace TcpGen.E2eBench
{
    /// <summary>The TUN side of a benchmark namespace: kernel 198.18.0.1/24 on the device, TcpGen at 198.18.0.2.</summary>
    internal static class TunTestNetwork
    {
        /// <summary>The kernel's address on the device.</summary>
        public const string KernelAddress = "198.18.0.1";

        /// <summary>TcpGen's address behind the device.</summary>
        public const string StackAddress = "198.18.0.2";

        /// <summary>Creates the device inside <paramref name="networkNamespace"/>, addresses it and brings it up.</summary>
        public static TunLink Open(string networkNamespace)
        {
            TunLink link = TunLink.OpenInNamespace("tgbench0", networkNamespace);
            IpCommand.AddAddress(link.DeviceName, KernelAddress + "/24", networkNamespace);
            IpCommand.SetUp(link.DeviceName, networkNamespace);
            return link;
        }
    }
}
