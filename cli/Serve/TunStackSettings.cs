using System.Net;

namespace TcpGen.Cli.Serve
{
    /// <summary>What serve and connect share: the TUN device, the kernel's and the stack's addresses, capture, impairment and stat socket.</summary>
    /// <param name="Device">The TUN device to create or attach to.</param>
    /// <param name="Kernel">The kernel's address to assign to the device (and bring it up), or null to leave the device as it is.</param>
    /// <param name="NetworkNamespace">A named network namespace to put the device in instead of the current one, or null.</param>
    /// <param name="Address">TcpGen's own address behind the device.</param>
    /// <param name="PcapPath">Where to capture every packet in and out, or null.</param>
    /// <param name="Loss">Probability of dropping each packet, in each direction, on our side of the device.</param>
    /// <param name="Seed">Seed of the loss decisions.</param>
    /// <param name="StatSocket">The stat socket path, or null for the default in $TCPGEN_STAT_DIR or /tmp/tcpgen.</param>
    internal sealed record TunStackSettings(
        string Device,
        KernelAddress? Kernel,
        string? NetworkNamespace,
        IPAddress Address,
        string? PcapPath,
        double Loss,
        ulong Seed,
        string? StatSocket);
}
