using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TcpGen.Runtime.Codec;
using TcpGen.Runtime.Engine;
using TcpGen.Runtime.Hosting;
using TcpGen.Runtime.Links;

namespace TcpGen.Integration.Tests.Infrastructure
{
    /// <summary>
    /// A <see cref="TunTestbed"/> with a TcpGen <see cref="TcpStack"/> running on its TUN link (optionally behind
    /// decorators such as a fault injector or a capture), for tests that pit TcpGen against the kernel's TCP.
    /// Dispose stops the stack first, then tears the testbed down.
    /// </summary>
    internal sealed class StackTestbed : IDisposable
    {
        /// <summary>The kernel's address as TcpGen sees it.</summary>
        public static readonly IpAddress KernelAddress = IpAddress.Parse(TunTestbed.KernelAddress);

        /// <summary>Builds the testbed from its parts.</summary>
        private StackTestbed(TunTestbed tun, ILink link, TcpStack stack)
        {
            Tun = tun;
            Link = link;
            Stack = stack;
        }

        /// <summary>The namespace, device and kernel peers.</summary>
        public TunTestbed Tun { get; }

        /// <summary>The link the stack runs on (the TUN link, or the outermost decorator).</summary>
        public ILink Link { get; }

        /// <summary>TcpGen, at <see cref="TunTestbed.StackAddress"/>.</summary>
        public TcpStack Stack { get; }

        /// <summary>The namespace's name, for `ip netns exec`.</summary>
        public string Namespace => Tun.Namespace.Name;

        /// <summary>Creates namespace, device and stack. <paramref name="decorate"/> wraps the TUN link (it must not own it).</summary>
        public static StackTestbed Create(Action<TcpEngineOptions>? configure = null, Func<ILink, ILink>? decorate = null, int? mtu = null)
        {
            TunTestbed tun = TunTestbed.Create(mtu);
            try
            {
                var engine = new TcpEngineOptions { MaximumSegmentLifetime = TimeSpan.FromSeconds(1) };
                configure?.Invoke(engine);
                ILink link = decorate?.Invoke(tun.Link) ?? tun.Link;
                var stack = new TcpStack(link, new TcpStackOptions
                {
                    LocalAddress = IpAddress.Parse(TunTestbed.StackAddress),
                    Engine = engine,
                    Name = "it",
                    OwnsLink = false,
                });
                return new StackTestbed(tun, link, stack);
            }
            catch
            {
                tun.Dispose();
                throw;
            }
        }

        /// <summary>Starts the kernel peer in the namespace.</summary>
        public KernelPeerProcess StartPeer(params string[] arguments) => Tun.StartPeer(arguments);

        /// <summary>Runs a command in the namespace and returns its stdout.</summary>
        public string Execute(params string[] command) => Tun.Namespace.Execute(command);

        /// <summary>The kernel's TCP sockets in the namespace in <paramref name="state"/> (`ss -tan state STATE`), one line each.</summary>
        public IReadOnlyList<string> KernelSockets(string state) =>
            Execute("ss", "-tanH", "state", state).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        /// <summary>Polls the stack's snapshot until <paramref name="condition"/> holds; returns the last snapshot either way.</summary>
        public async Task<TcpStackSnapshot> WaitForSnapshotAsync(Func<TcpStackSnapshot, bool> condition, TimeSpan timeout)
        {
            DateTime deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                TcpStackSnapshot snapshot = await Stack.GetSnapshotAsync().ConfigureAwait(false);
                if (condition(snapshot) || DateTime.UtcNow > deadline)
                {
                    return snapshot;
                }

                await Task.Delay(20).ConfigureAwait(false);
            }
        }

        /// <summary>Stops the stack, then the peers, device and namespace.</summary>
        public void Dispose()
        {
            try
            {
                Stack.Dispose();
                if (!ReferenceEquals(Link, Tun.Link))
                {
                    Link.Dispose();
                }
            }
            finally
            {
                Tun.Dispose();
            }
        }
    }
}
