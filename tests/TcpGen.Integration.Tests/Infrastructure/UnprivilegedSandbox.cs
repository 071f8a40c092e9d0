using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text.Json;

namespace TcpGen.Integration.Tests.Infrastructure
{
    /// <summary>
    /// Runs a .NET program (the built tcpgen) inside a test's network namespace as the user nobody (uid and gid 65534,
    /// no supplementary groups, no capabilities, an empty bounding set, no_new_privs), the way an ordinary user would
    /// run it on a normal machine.
    /// <para>Most distributions ship /dev/net/tun as mode 0666: anyone may open the clone device, and the kernel
    /// decides per device (TUNSETIFF) who may create or attach. Where the node is 0600 (root only), changing it would
    /// change the whole machine, so instead the sandbox makes a private node for the same device (character 10:200,
    /// mode 0666) in its own temporary folder, and the command bind-mounts it over /dev/net/tun in a mount namespace
    /// of its own (<c>unshare --mount --propagation private</c>, inside the one <c>ip netns exec</c> already makes),
    /// then drops root with setpriv. The host's node is never touched (see <see cref="CloneDeviceSnapshot"/>).</para>
    /// <para>The folder also holds the user's HOME (owned by nobody) and, when the build output is not readable by
    /// other users, a readable copy of the program. Dispose deletes the folder.</para>
    /// </summary>
    [SupportedOSPlatform("linux")]
    internal sealed class UnprivilegedSandbox : IDisposable
    {
        /// <summary>The user the program runs as: nobody.</summary>
        public const int UserId = 65534;

        /// <summary>The group the program runs as: nogroup.</summary>
        public const int GroupId = 65534;

        /// <summary>
        /// Run by sh with $1 = the private node and the program after it: mounts the node over the clone device (in
        /// this command's mount namespace only), then becomes nobody with nothing privileged left and execs the program.
        /// </summary>
        private const string MountAndDropScript =
            "mount --bind \"$1\" " + CloneDeviceSnapshot.DevicePath + " && shift && exec setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all --bounding-set=-all --no-new-privs \"$@\"";

        /// <summary>rwxr-xr-x: the mode of the sandbox's folder and of the copied program's folders.</summary>
        private const UnixFileMode ReadableFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

        /// <summary>The sandbox's temporary folder (mode 0755 so nobody can reach HOME and the copied program).</summary>
        private readonly string _folder;

        /// <summary>Set once disposed, so a second dispose does nothing.</summary>
        private bool _disposed;

        /// <summary>Wraps a folder <see cref="Create"/> has filled.</summary>
        private UnprivilegedSandbox(string folder, string cloneNode, string home, string assembly, bool copied)
        {
            _folder = folder;
            CloneNode = cloneNode;
            Home = home;
            Assembly = assembly;
            CopiedProgram = copied;
        }

        /// <summary>The private character device node for the TUN clone device (10:200, mode 0666).</summary>
        public string CloneNode { get; }

        /// <summary>HOME, DOTNET_CLI_HOME and TMPDIR of the program: a folder owned by nobody.</summary>
        public string Home { get; }

        /// <summary>The program's dll as nobody runs it: the build output itself, or its readable copy.</summary>
        public string Assembly { get; }

        /// <summary>True when the build output was not readable by other users and the program was copied into the sandbox.</summary>
        public bool CopiedProgram { get; }

        /// <summary>
        /// Makes the sandbox for the program <paramref name="assembly"/> (a framework-dependent dll with its
        /// .deps.json and .runtimeconfig.json). Throws when the dotnet host or runtime cannot be run by other users.
        /// </summary>
        public static UnprivilegedSandbox Create(string assembly)
        {
            RequireUsableByOthers(DotnetHost.Path, UnixFileMode.OtherExecute);
            RequireUsableByOthers(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "System.Private.CoreLib.dll"), UnixFileMode.OtherRead);

            string folder = Directory.CreateTempSubdirectory("tcpgen-nobody-").FullName;
            try
            {
                File.SetUnixFileMode(folder, ReadableFolder);

                // The node needs no path access from nobody: the bind mount puts it at /dev/net/tun.
                string cloneNode = Path.Combine(folder, "tun");
                ProcessRunner.Run("mknod", ["-m", "0666", cloneNode, "c", "10", "200"]);

                string home = Path.Combine(folder, "home");
                Directory.CreateDirectory(home);
                ProcessRunner.Run("chown", [UserId + ":" + GroupId, home]);

                IReadOnlyList<string> files = ProgramFiles(assembly);
                bool readable = files.All(f => UsableByOthers(f, UnixFileMode.OtherRead));
                string runAssembly = readable ? assembly : CopyProgram(assembly, files, Path.Combine(folder, "program"));
                return new UnprivilegedSandbox(folder, cloneNode, home, runAssembly, copied: !readable);
            }
            catch
            {
                Directory.Delete(folder, recursive: true);
                throw;
            }
        }

        /// <summary>
        /// Starts <c>dotnet ASSEMBLY ARGUMENTS</c> as nobody inside <paramref name="networkNamespace"/>, with the
        /// private clone node mounted over /dev/net/tun for it alone. The process id is the program's (every step execs).
        /// </summary>
        public BackgroundProcess Start(string networkNamespace, IEnumerable<string> arguments) =>
            new("ip",
            [
                "netns", "exec", networkNamespace,
                "unshare", "--mount", "--propagation", "private",
                "sh", "-c", MountAndDropScript, "sh", CloneNode,
                "env", "HOME=" + Home, "DOTNET_CLI_HOME=" + Home, "TMPDIR=" + Home,
                DotnetHost.Path, Assembly, .. arguments,
            ]);

        /// <summary>Deletes the folder (the node, HOME and any copy); the mount went with the program's mount namespace.</summary>
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            Directory.Delete(_folder, recursive: true);
        }

        /// <summary>The program's dll, its .runtimeconfig.json and .deps.json, and every runtime and resource file the .deps.json names.</summary>
        private static IReadOnlyList<string> ProgramFiles(string assembly)
        {
            string folder = Path.GetDirectoryName(assembly)!;
            string name = Path.GetFileNameWithoutExtension(assembly);
            string deps = Path.Combine(folder, name + ".deps.json");
            var relative = new SortedSet<string>(StringComparer.Ordinal) { name + ".dll", name + ".runtimeconfig.json", name + ".deps.json" };
            using (JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(deps)))
            {
                foreach (JsonProperty target in document.RootElement.GetProperty("targets").EnumerateObject())
                {
                    foreach (JsonProperty library in target.Value.EnumerateObject())
                    {
                        // Application-local assets sit flat in the output folder; resources in a folder per culture.
                        if (library.Value.TryGetProperty("runtime", out JsonElement runtime))
                        {
                            relative.UnionWith(runtime.EnumerateObject().Select(file => Path.GetFileName(file.Name)));
                        }

                        if (library.Value.TryGetProperty("resources", out JsonElement resources))
                        {
                            relative.UnionWith(resources.EnumerateObject().Select(file => Path.Combine(file.Value.GetProperty("locale").GetString()!, Path.GetFileName(file.Name))));
                        }
                    }
                }
            }

            return relative.Select(r => Path.Combine(folder, r)).Where(File.Exists).ToArray();
        }

        /// <summary>Copies <paramref name="files"/> (keeping their paths relative to the dll's folder) into <paramref name="destination"/>, readable by all; returns the copied dll.</summary>
        private static string CopyProgram(string assembly, IReadOnlyList<string> files, string destination)
        {
            string source = Path.GetDirectoryName(assembly)!;
            Directory.CreateDirectory(destination);
            File.SetUnixFileMode(destination, ReadableFolder);
            foreach (string file in files)
            {
                // Files sit in the folder itself or one level down (a culture's resources).
                string target = Path.Combine(destination, Path.GetRelativePath(source, file));
                string folder = Path.GetDirectoryName(target)!;
                if (!Directory.Exists(folder))
                {
                    Directory.CreateDirectory(folder);
                    File.SetUnixFileMode(folder, ReadableFolder);
                }

                File.Copy(file, target);
                File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }

            return Path.Combine(destination, Path.GetFileName(assembly));
        }

        /// <summary>Throws with the reason when another user could not use <paramref name="path"/> as <paramref name="access"/> says.</summary>
        private static void RequireUsableByOthers(string path, UnixFileMode access)
        {
            if (!UsableByOthers(path, access))
            {
                throw new InvalidOperationException(path + " (or a folder above it) is not accessible to other users, so the user nobody cannot run .NET programs here; install the SDK where all users can read it (for example /usr/share/dotnet)");
            }
        }

        /// <summary>True when every folder on the way to <paramref name="path"/> (symbolic links resolved) is searchable by others and the file grants them <paramref name="access"/>.</summary>
        private static bool UsableByOthers(string path, UnixFileMode access)
        {
            if (!Path.IsPathRooted(path))
            {
                // A bare name such as "dotnet" is found on PATH: leave the verdict to the run itself.
                return true;
            }

            string real = ProcessRunner.Run("readlink", ["-e", path], throwOnFailure: false).Trim();
            if (real.Length == 0 || (File.GetUnixFileMode(real) & access) != access)
            {
                return false;
            }

            for (string? folder = Path.GetDirectoryName(real); folder is not null; folder = Path.GetDirectoryName(folder))
            {
                if ((File.GetUnixFileMode(folder) & UnixFileMode.OtherExecute) == 0)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
