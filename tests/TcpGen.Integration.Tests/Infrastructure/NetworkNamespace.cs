using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;

namespace TcpGen.Integration.Tests.Infrastructure
{
    /// <summary>
    /// A uniquely named network namespace (<c>ip netns add</c>) that exists for one test and is deleted on dispose.
    /// Names carry the creating process id, so namespaces left behind by a killed test run are swept on the next
    /// run once that process is gone.
    /// </summary>
    internal sealed class NetworkNamespace : IDisposable
    {
        /// <summary>The prefix of every namespace these tests create.</summary>
        private const string Prefix = "tgit-";

        /// <summary>Makes names unique within this process.</summary>
        private static int s_sequence;

        /// <summary>Sweeps stale namespaces once per process.</summary>
        private static int s_swept;

        /// <summary>Set once deleted, so a second dispose does nothing.</summary>
        private bool _deleted;

        /// <summary>Wraps an already added namespace.</summary>
        private NetworkNamespace(string name)
        {
            Name = name;
        }

        /// <summary>The namespace's name for <c>ip netns exec</c> and <c>ip -n</c>.</summary>
        public string Name { get; }

        /// <summary>Adds a fresh namespace with its loopback up.</summary>
        public static NetworkNamespace Create()
        {
            if (Interlocked.Exchange(ref s_swept, 1) == 0)
            {
                SweepStale();
            }

            string name = string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Environment.ProcessId}-{Interlocked.Increment(ref s_sequence)}");
            ProcessRunner.Run("ip", ["netns", "add", name]);
            var created = new NetworkNamespace(name);
            try
            {
                ProcessRunner.Run("ip", ["-n", name, "link", "set", "dev", "lo", "up"]);
            }
            catch
            {
                created.Dispose();
                throw;
            }

            return created;
        }

        /// <summary>Runs a command inside the namespace and returns its stdout.</summary>
        public string Execute(params string[] command) => ProcessRunner.Run("ip", ["netns", "exec", Name, .. command]);

        /// <summary>Deletes the namespace (its devices go with it).</summary>
        public void Dispose()
        {
            if (_deleted)
            {
                return;
            }

            _deleted = true;
            ProcessRunner.Run("ip", ["netns", "delete", Name], throwOnFailure: false);
        }

        /// <summary>Deletes namespaces of earlier runs whose process no longer exists.</summary>
        private static void SweepStale()
        {
            if (!Directory.Exists("/run/netns"))
            {
                return;
            }

            foreach (string path in Directory.GetFiles("/run/netns", Prefix + "*"))
            {
                string name = Path.GetFileName(path);
                string[] parts = name.Substring(Prefix.Length).Split('-');
                if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && !ProcessExists(pid))
                {
                    ProcessRunner.Run("ip", ["netns", "delete", name], throwOnFailure: false);
                }
            }
        }

        /// <summary>True when a process with that id is alive.</summary>
        private static bool ProcessExists(int pid)
        {
            try
            {
                using Process process = Process.GetProcessById(pid);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }
    }
}
