using System.Globalization;
using System.IO;
using System.Linq;

namespace TcpGen.Integration.Tests.Infrastructure
{
    /// <summary>
    /// What one mount namespace shows at /dev/net/tun: the node (file system and inode, mode, owner, device numbers) and how many
    /// mounts sit on that path. Taken from the test process before and after a test that bind-mounts a private node
    /// over it for a child, equal snapshots show the host's node was left as it was; taken through a child's
    /// /proc/PID/root, it shows the node the child really sees.
    /// </summary>
    internal sealed record CloneDeviceSnapshot(string FileSystem, long Inode, string Mode, string Owner, string Device, int Mounts)
    {
        /// <summary>The TUN clone device.</summary>
        public const string DevicePath = "/dev/net/tun";

        /// <summary>The TUN clone device's numbers as stat(1) prints them (hexadecimal major:minor 10:200).</summary>
        public const string TunDevice = "a:c8";

        /// <summary>The test process's view (the host's mount namespace).</summary>
        public static CloneDeviceSnapshot Take() => Read("", "/proc/self/mountinfo");

        /// <summary>The view of process <paramref name="processId"/>, through its root and its mount table.</summary>
        public static CloneDeviceSnapshot TakeFor(int processId)
        {
            string proc = "/proc/" + processId.ToString(CultureInfo.InvariantCulture);
            return Read(proc + "/root", proc + "/mountinfo");
        }

        /// <summary>Stats ROOT/dev/net/tun (file system device and inode, octal mode, uid:gid, major:minor) and counts the mounts on /dev/net/tun in <paramref name="mountInfo"/>.</summary>
        private static CloneDeviceSnapshot Read(string root, string mountInfo)
        {
            string[] stat = ProcessRunner.Run("stat", ["-c", "%d %i %a %u:%g %t:%T", root + DevicePath]).Trim().Split(' ');
            // mountinfo: ID PARENT MAJOR:MINOR ROOT MOUNT-POINT ...; the mount point is the fifth field.
            int mounts = File.ReadAllLines(mountInfo).Count(line => line.Split(' ') is { Length: > 4 } fields && fields[4] == DevicePath);
            return new CloneDeviceSnapshot(stat[0], long.Parse(stat[1], CultureInfo.InvariantCulture), stat[2], stat[3], stat[4], mounts);
        }
    }
}
