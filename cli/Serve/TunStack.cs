using System;
using System.Threading.Tasks;
using TcpGen.Cli.Stat;
using TcpGen.Runtime.Capture;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Hosting;
using TcpGen.Runtime.Links;
using TcpGen.Runtime.Tun;

namespace TcpGen.Cli.Serve
{
    /// <summary>
    /// A TcpGen stack on a TUN device as serve and connect run it: opens (creating when missing) the device,
    /// optionally gives the kernel its address and brings the link up, adds loss and capture in front of it, starts
    /// the stack and publishes its stat socket. Disposing stops everything in reverse order.
    /// </summary>
    internal sealed class TunStack : IAsyncDisposable
    {
        /// <summary>The capture file, if any; flushed and closed last.</summary>
        private readonly PcapWriter? _pcap;

        /// <summary>The stat socket, removed first on dispose.</summary>
        private readonly StatEndpoint _stat;

        private TunStack(TunLink tun, TcpStack stack, PcapWriter? pcap, StatEndpoint stat, FaultInjectingLink? faults)
        {
            Tun = tun;
            Stack = stack;
            _pcap = pcap;
            _stat = stat;
            Faults = faults;
        }

        /// <summary>The device.</summary>
        public TunLink Tun { get; }

        /// <summary>The running stack.</summary>
        public TcpStack Stack { get; }

        /// <summary>The loss injector, when --loss was given.</summary>
        public FaultInjectingLink? Faults { get; }

        /// <summary>The stat socket's path.</summary>
        public string StatPath => _stat.Path;

        /// <summary>Sets everything up; throws <see cref="TunException"/> (one line) when the device or its configuration fails.</summary>
        public static TunStack Open(TunStackSettings settings, string stackName)
        {
            TunLink tun = settings.NetworkNamespace is { } ns ? TunLink.OpenInNamespace(settings.Device, ns) : TunLink.Open(settings.Device);
            PcapWriter? pcap = null;
            TcpStack? stack = null;
            try
            {
                if (settings.Kernel is { } kernel)
                {
                    IpCommand.AddAddress(tun.DeviceName, kernel.Cidr, settings.NetworkNamespace);
                    IpCommand.SetUp(tun.DeviceName, settings.NetworkNamespace);
                }

                ILink link = tun;
                FaultInjectingLink? faults = null;
                if (settings.Loss > 0)
                {
                    var loss = new FaultProfile { Loss = settings.Loss };
                    link = faults = new FaultInjectingLink(link, loss, loss, settings.Seed);
                }

                if (settings.PcapPath is { } path)
                {
                    pcap = PcapWriter.Create(path);
                    link = new CapturingLink(link, pcap);
                }

                stack = new TcpStack(link, new TcpStackOptions
                {
                    LocalAddress = IpAddress.FromIPAddress(settings.Address),
                    Name = stackName,
                });
                StatEndpoint stat = StatEndpoint.Start(stack, settings.StatSocket);
                return new TunStack(tun, stack, pcap, stat, faults);
            }
            catch
            {
                stack?.Dispose();
                tun.Dispose();
                pcap?.Dispose();
                throw;
            }
        }

        /// <summary>Removes the stat socket, stops the stack (which closes the device) and closes the capture.</summary>
        public async ValueTask DisposeAsync()
        {
            await _stat.DisposeAsync().ConfigureAwait(false);
            await Stack.DisposeAsync().ConfigureAwait(false);
            Tun.Dispose();
            _pcap?.Dispose();
        }
    }
}
