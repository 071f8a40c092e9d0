using System;
using System.IO;

namespace TcpGen.Integration.Tests.Infrastructure
{
    /// <summary>
    /// Decides whether the kernel tests can run here. On CI (environment variable CI=true) they always run, so a
    /// missing privilege fails loudly instead of silently skipping; elsewhere they skip with the reason.
    /// </summary>
    internal static class KernelEnvironment
    {
        /// <summary>True on CI, where skipping kernel tests is not allowed.</summary>
        public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

        /// <summary>Why the kernel tests cannot run here, or null when they can (or must, on CI).</summary>
        public static string? SkipReason
        {
            get
            {
                if (IsCi)
                {
                    return null;
                }

                if (!OperatingSystem.IsLinux())
                {
                    return "kernel tests need Linux (TUN devices and network namespaces)";
                }

                if (!Environment.IsPrivilegedProcess)
                {
                    return "kernel tests need root (CAP_NET_ADMIN and CAP_SYS_ADMIN for TUN devices and network namespaces); run as root or set CI=true to make them mandatory";
                }

                if (!File.Exists("/dev/net/tun"))
                {
                    return "kernel tests need /dev/net/tun (modprobe tun, or pass the device into the container)";
                }

                return null;
            }
        }
    }
}
