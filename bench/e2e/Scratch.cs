using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using TcpGen.Runtime.Tun;

namespace TcpGen.E2eBench
{
    /// <summary>Network namespaces the benchmark creates for one measurement and deletes afterwards, whatever happens.</summary>
    internal sealed class Scratch : IDisposable
    {
        /// <summary>Makes namespace names unique within the run.</summary>
        private static int s_sequence;

        /// <summary>Namespaces to delete on dispose.</summary>
        private readonly List<string> _namespaces = new();

        /// <summary>Things to dispose before the namespaces go (links, sockets).</summary>
        private readonly List<IDisposable> _owned = new();

        /// <summary>Adds a namespace with loopback up and returns its name.</summary>
        public string AddNamespace()
        {
            string name = string.Create(CultureInfo.InvariantCulture, $"tgbench-{Environment.ProcessId}-{++s_sequence}");
            Run("ip", "netns", "add", name);
            _namespaces.Add(name);
            Run("ip", "-n", name, "link", "set", "dev", "lo", "up");
            return name;
        }

        /// <summary>Disposes <paramref name="item"/> before the namespaces are deleted.</summary>
        public T Own<T>(T item)
            where T : IDisposable
        {
            _owned.Add(item);
            return item;
        }

        /// <summary>Runs a command and throws with its stderr when it fails.</summary>
        public static void Run(string fileName, params string[] arguments)
        {
            var start = new ProcessStartInfo(fileName) { RedirectStandardError = true, UseShellExecute = false };
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using Process process = Process.Start(start)!;
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new TunException(fileName + " " + string.Join(' ', arguments) + ": " + error.Trim());
            }
        }

        /// <inheritdoc />
        public void Dispose()
        {
            for (int i = _owned.Count - 1; i >= 0; i--)
            {
                _owned[i].Dispose();
            }

            foreach (string name in _namespaces)
            {
                try
                {
                    Run("ip", "netns", "delete", name);
                }
                catch (TunException)
                {
                    // Already gone.
                }
            }
        }
    }
}
