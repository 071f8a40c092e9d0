using System;
using System.ComponentModel;
using System.Diagnostics;

namespace TcpGen.Runtime.Tun
{
    /// <summary>
    /// Configures the kernel's side of a TUN device with iproute2's <c>ip</c>: the address the kernel answers on,
    /// the link state, the MTU, the network namespace. Each method runs one <c>ip</c> command (optionally with
    /// <c>-n NAMESPACE</c>) and throws <see cref="TunException"/> with ip's own one-line complaint when it fails.
    /// </summary>
    public static class IpCommand
    {
        /// <summary>How long one ip command may take before it is treated as hung.</summary>
        private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

        /// <summary>Gives the kernel side of <paramref name="device"/> the address <paramref name="cidr"/> (e.g. 198.18.0.1/24).</summary>
        public static void AddAddress(string device, string cidr, string? networkNamespace = null) =>
            Run(networkNamespace, "address", "add", cidr, "dev", device);

        /// <summary>Brings <paramref name="device"/> up, so the kernel routes to it and writes to it are accepted.</summary>
        public static void SetUp(string device, string? networkNamespace = null) =>
            Run(networkNamespace, "link", "set", "dev", device, "up");

        /// <summary>Sets the device MTU (the largest IP packet either side sends through it).</summary>
        public static void SetMtu(string device, int mtu, string? networkNamespace = null) =>
            Run(networkNamespace, "link", "set", "dev", device, "mtu", mtu.ToString(System.Globalization.CultureInfo.InvariantCulture));

        /// <summary>Moves <paramref name="device"/> from the current namespace into <paramref name="targetNamespace"/>; an open TUN descriptor keeps working.</summary>
        public static void MoveToNamespace(string device, string targetNamespace) =>
            Run(null, "link", "set", "dev", device, "netns", targetNamespace);

        /// <summary>Runs <c>ip [-n NAMESPACE] ARGS...</c>; throws <see cref="TunException"/> when it cannot start or exits non-zero.</summary>
        public static void Run(string? networkNamespace, params string[] arguments)
        {
            ArgumentNullException.ThrowIfNull(arguments);
            var start = new ProcessStartInfo("ip")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            if (networkNamespace is not null)
            {
                start.ArgumentList.Add("-n");
                start.ArgumentList.Add(networkNamespace);
            }

            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            string commandLine = "ip " + string.Join(' ', start.ArgumentList);
            Process process;
            try
            {
                process = Process.Start(start) ?? throw new TunException("cannot start `" + commandLine + "`");
            }
            catch (Win32Exception e)
            {
                throw new TunException("cannot run `" + commandLine + "`: " + e.Message + " (is iproute2 installed?)", e);
            }

            using (process)
            {
                var errorTask = process.StandardError.ReadToEndAsync();
                var outputTask = process.StandardOutput.ReadToEndAsync();
                if (!process.WaitForExit(CommandTimeout))
                {
                    process.Kill(entireProcessTree: true);
                    throw new TunException("`" + commandLine + "` did not finish within " + CommandTimeout.TotalSeconds + " s");
                }

                process.WaitForExit();
                string error = errorTask.GetAwaiter().GetResult().Trim();
                _ = outputTask.GetAwaiter().GetResult();
                if (process.ExitCode != 0)
                {
                    string reason = error.Length == 0 ? "exit code " + process.ExitCode : error.ReplaceLineEndings(" ");
                    throw new TunException("`" + commandLine + "` failed: " + reason);
                }
            }
        }
    }
}
