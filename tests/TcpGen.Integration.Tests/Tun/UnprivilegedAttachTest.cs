using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.Versioning;
using System.Threading;
using System.Threading.Tasks;
using TcpGen.Cli.Commands;
using TcpGen.Integration.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace TcpGen.Integration.Tests.Tun
{
    /// <summary>
    /// Issue #4: TcpGen attaches to a TUN device that root made beforehand with <c>ip tuntap add ... user NAME</c>, and
    /// then needs no privilege at all. The built tcpgen runs as the user nobody (uid and gid 65534, no groups, no
    /// capabilities, empty bounding set) in the test's namespace; root only makes the device, gives the kernel its
    /// address and brings the link up, as an administrator would once.
    /// <para>On the machine these tests were written on /dev/net/tun is mode 0600 (root only), whereas most distributions ship it as 0666, which lets every
    /// user open it and leaves the per-device decision to the kernel. <see cref="UnprivilegedSandbox"/> reproduces
    /// that normal machine for the unprivileged process alone: a private 0666 node for the same device, bind-mounted
    /// over /dev/net/tun in that process's own mount namespace. Every test checks that the host's node stayed as it was.</para>
    /// </summary>
    [SupportedOSPlatform("linux")]
    public sealed class UnprivilegedAttachTest
    {
        /// <summary>How long one step may take (process start-up included).</summary>
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

        /// <summary>What /proc/PID/status shows for a process with no capability of any kind.</summary>
        private const string NoCapabilities = "0000000000000000";

        /// <summary>Where the sandbox ran the program from, for the test log.</summary>
        private readonly ITestOutputHelper _output;

        public UnprivilegedAttachTest(ITestOutputHelper output)
        {
            _output = output;
        }

        /// <summary>The built tcpgen as the tests reference it (next to this assembly).</summary>
        private static string CliAssembly => typeof(ServeCommand).Assembly.Location;

        [KernelFact]
        public Task ServeAsNobodyOnDeviceMadeForNobodyShouldEchoKernelTraffic() => AsNobodyInNewNamespaceAsync(async (ns, sandbox, hostBefore) =>
            {
                // Root's part: the device for nobody, the kernel's side of it, link up (nobody could do any of these).
                ns.Execute("ip", "tuntap", "add", "dev", "tgnobody", "mode", "tun", "user", "65534");
                ns.Execute("ip", "address", "add", "198.18.0.1/24", "dev", "tgnobody");
                ns.Execute("ip", "link", "set", "dev", "tgnobody", "up");
                Assert.Equal("tgnobody: tun persist user 65534", ns.Execute("ip", "tuntap", "show").Trim());

                // No --kernel-address: the device is used as root configured it.
                string stat = Path.Combine(sandbox.Home, "serve.sock");
                using BackgroundProcess serve = sandbox.Start(ns.Name,
                    ["serve", "--tun", "tgnobody", "--address", "198.18.0.2", "--listen", "7", "--app", "echo", "--stat-socket", stat]);
                string banner = serve.WaitForLineStartingWith("tcpgen serve:", Timeout);
                Assert.StartsWith("tcpgen serve: echo on 198.18.0.2:7 over TUN tgnobody;", banner, StringComparison.Ordinal);

                AssertRunsAsNobodyWithoutPrivilege(serve.ProcessId);
                AssertPrivateNodeOnlyForTheProcess(serve.ProcessId, hostBefore);

                // The kernel's TCP in the namespace sends 1 MiB to the echo app and reads it all back.
                using (var peer = new KernelPeerProcess(ns.Name, ["client", "--address", "198.18.0.2:7", "--send", "1048576", "--timeout", "25"]))
                {
                    PeerReport report = peer.WaitForReport(Timeout);
                    Assert.Equal("eof", report.End);
                    Assert.Equal(1048576, report.Received);
                    Assert.Equal(report.SentSha256, report.ReceivedSha256);
                }

                // The stat socket nobody published answers too.
                using var statOut = new StringWriter();
                using var statErr = new StringWriter();
                Assert.Equal(0, await StatCommand.RunAsync(stat, "text", statOut, statErr, CancellationToken.None));
                Assert.Contains("stack serve", statOut.ToString(), StringComparison.Ordinal);
                Assert.Contains("passive-opens: 1", statOut.ToString(), StringComparison.Ordinal);

                serve.Signal("TERM");
                Assert.Equal(0, serve.WaitForExit(Timeout));
                Assert.Equal("", serve.Errors);
                Assert.Single(serve.Lines, l => l.StartsWith("198.18.0.1:", StringComparison.Ordinal) && l.EndsWith(" closed", StringComparison.Ordinal));
                Assert.StartsWith("tcpgen serve: stopped; 1 connection(s) served", serve.Lines[^1], StringComparison.Ordinal);

                // Attached, not created: the device stays, still nobody's.
                Assert.Equal("tgnobody: tun persist user 65534", ns.Execute("ip", "tuntap", "show").Trim());
            });

        [KernelFact]
        public Task ServeAsNobodyOnDeviceOfAnotherUserShouldFailWithOneLineAndExitTwo() => AsNobodyInNewNamespaceAsync((ns, sandbox, _) =>
            {
                ns.Execute("ip", "tuntap", "add", "dev", "tgroot", "mode", "tun", "user", "0");

                // The clone device opened (the private node works); the kernel refused TUNSETIFF on root's device.
                AssertServeFailsWithOneLine(ns, sandbox, "tgroot",
                    "tcpgen: error: no permission to attach to TUN device 'tgroot': it belongs to another user or group; run as root or recreate it with `ip tuntap add dev tgroot mode tun user $USER`\n");
                Assert.Equal("tgroot: tun persist user 0", ns.Execute("ip", "tuntap", "show").Trim());
                return Task.CompletedTask;
            });

        [KernelFact]
        public Task ServeAsNobodyOnMissingDeviceShouldFailWithOneLineAndExitTwo() => AsNobodyInNewNamespaceAsync((ns, sandbox, _) =>
            {
                // Creating a device needs CAP_NET_ADMIN in the namespace's user namespace, which the user nobody does not have.
                AssertServeFailsWithOneLine(ns, sandbox, "tgmissing",
                    "tcpgen: error: no permission to create TUN device 'tgmissing': run as root (CAP_NET_ADMIN), or have root create it first with `ip tuntap add dev tgmissing mode tun user $USER`\n");
                Assert.DoesNotContain("tgmissing", ns.Execute("ip", "-o", "link", "show"), StringComparison.Ordinal);
                return Task.CompletedTask;
            });

        /// <summary>
        /// Not a failure, as one might expect: the kernel checks a persistent device's owner and group only when they are
        /// set, so a device made with neither (plain <c>ip tuntap add dev NAME mode tun</c>) is open to every user who
        /// can open /dev/net/tun, which on most distributions is everyone. Giving the device a user (or group) is what
        /// keeps other users out.
        /// </summary>
        [KernelFact]
        public Task ServeAsNobodyOnDeviceWithoutOwnerShouldAttach() => AsNobodyInNewNamespaceAsync((ns, sandbox, _) =>
            {
                ns.Execute("ip", "tuntap", "add", "dev", "tgnoowner", "mode", "tun");
                Assert.Equal("tgnoowner: tun persist", ns.Execute("ip", "tuntap", "show").Trim());

                using BackgroundProcess serve = sandbox.Start(ns.Name,
                    ["serve", "--tun", "tgnoowner", "--address", "198.18.0.2", "--listen", "7", "--stat-socket", Path.Combine(sandbox.Home, "serve.sock")]);
                string banner = serve.WaitForLineStartingWith("tcpgen serve:", Timeout);
                Assert.StartsWith("tcpgen serve: echo on 198.18.0.2:7 over TUN tgnoowner;", banner, StringComparison.Ordinal);
                AssertRunsAsNobodyWithoutPrivilege(serve.ProcessId);

                serve.Signal("TERM");
                Assert.Equal(0, serve.WaitForExit(Timeout));
                Assert.Equal("", serve.Errors);
                return Task.CompletedTask;
            });

        /// <summary>
        /// Runs <paramref name="body"/> with a fresh network namespace and a sandbox for the built tcpgen (given the
        /// host's clone-device view from before), removes both, and checks the host's /dev/net/tun stayed as it was.
        /// </summary>
        private async Task AsNobodyInNewNamespaceAsync(Func<NetworkNamespace, UnprivilegedSandbox, CloneDeviceSnapshot, Task> body)
        {
            CloneDeviceSnapshot hostBefore = CloneDeviceSnapshot.Take();
            using (NetworkNamespace ns = NetworkNamespace.Create())
            using (UnprivilegedSandbox sandbox = CreateSandbox())
            {
                await body(ns, sandbox, hostBefore);
            }

            Assert.Equal(hostBefore, CloneDeviceSnapshot.Take());
        }

        /// <summary>tcpgen serve on <paramref name="device"/>, as nobody, exits 2 with exactly <paramref name="error"/> on stderr and nothing on stdout.</summary>
        private static void AssertServeFailsWithOneLine(NetworkNamespace ns, UnprivilegedSandbox sandbox, string device, string error)
        {
            using BackgroundProcess serve = sandbox.Start(ns.Name, ["serve", "--tun", device, "--address", "198.18.0.2", "--listen", "7"]);
            Assert.Equal(ExitCodes.UsageError, serve.WaitForExit(Timeout));
            Assert.Empty(serve.Lines);
            Assert.Equal(error, serve.Errors);
        }

        /// <summary>Makes the sandbox for the built tcpgen and logs where nobody runs it from.</summary>
        private UnprivilegedSandbox CreateSandbox()
        {
            UnprivilegedSandbox sandbox = UnprivilegedSandbox.Create(CliAssembly);
            _output.WriteLine("nobody runs " + sandbox.Assembly + (sandbox.CopiedProgram ? " (copied: the build output is not readable by other users)" : " (the build output itself)"));
            return sandbox;
        }

        /// <summary>The process is the built tcpgen, running as nobody with no groups, no capabilities and no way to gain any.</summary>
        private static void AssertRunsAsNobodyWithoutPrivilege(int processId)
        {
            string proc = "/proc/" + processId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            string[] commandLine = File.ReadAllText(proc + "/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains(commandLine, a => a.EndsWith("/tcpgen.dll", StringComparison.Ordinal));

            Dictionary<string, string> status = File.ReadAllLines(proc + "/status")
                .Select(line => line.Split(':', 2))
                .Where(parts => parts.Length == 2)
                .ToDictionary(parts => parts[0], parts => parts[1].Trim(), StringComparer.Ordinal);
            Assert.Equal("65534\t65534\t65534\t65534", status["Uid"]);
            Assert.Equal("65534\t65534\t65534\t65534", status["Gid"]);
            Assert.Equal("", status["Groups"]);
            Assert.Equal(NoCapabilities, status["CapInh"]);
            Assert.Equal(NoCapabilities, status["CapPrm"]);
            Assert.Equal(NoCapabilities, status["CapEff"]);
            Assert.Equal(NoCapabilities, status["CapBnd"]);
            Assert.Equal(NoCapabilities, status["CapAmb"]);
            Assert.Equal("1", status["NoNewPrivs"]);
        }

        /// <summary>The process sees the private 0666 node (mounted once over /dev/net/tun); the host still sees its own, unchanged and unmounted.</summary>
        private static void AssertPrivateNodeOnlyForTheProcess(int processId, CloneDeviceSnapshot hostBefore)
        {
            CloneDeviceSnapshot seen = CloneDeviceSnapshot.TakeFor(processId);
            Assert.Equal("666", seen.Mode);
            Assert.Equal(CloneDeviceSnapshot.TunDevice, seen.Device);
            Assert.Equal(1, seen.Mounts - hostBefore.Mounts);
            Assert.NotEqual((hostBefore.FileSystem, hostBefore.Inode), (seen.FileSystem, seen.Inode));
            Assert.Equal(hostBefore, CloneDeviceSnapshot.Take());
        }
    }
}
