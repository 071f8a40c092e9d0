namespace TcpGen.Runtime.Tun
{
    /// <summary>The Linux errno values the TUN link tells apart (asm-generic/errno-base.h; the same on x86-64 and arm64).</summary>
    public static class Errno
    {
        /// <summary>Operation not permitted.</summary>
        public const int EPERM = 1;

        /// <summary>No such file or directory.</summary>
        public const int ENOENT = 2;

        /// <summary>Interrupted system call.</summary>
        public const int EINTR = 4;

        /// <summary>I/O error (a TUN device that is down refuses writes with it).</summary>
        public const int EIO = 5;

        /// <summary>No such device or address.</summary>
        public const int ENXIO = 6;

        /// <summary>Bad file descriptor.</summary>
        public const int EBADF = 9;

        /// <summary>Resource temporarily unavailable: nothing to read, or no room to write, on a non-blocking descriptor.</summary>
        public const int EAGAIN = 11;

        /// <summary>Out of memory.</summary>
        public const int ENOMEM = 12;

        /// <summary>Permission denied.</summary>
        public const int EACCES = 13;

        /// <summary>Device or resource busy.</summary>
        public const int EBUSY = 16;

        /// <summary>No such device.</summary>
        public const int ENODEV = 19;

        /// <summary>Invalid argument.</summary>
        public const int EINVAL = 22;

        /// <summary>Too many open files in the process.</summary>
        public const int EMFILE = 24;

        /// <summary>Too many open files in the system.</summary>
        public const int ENFILE = 23;

        /// <summary>The symbolic name and meaning of an errno value, e.g. "EBUSY (device or resource busy)".</summary>
        public static string Describe(int errno) => errno switch
        {
            EPERM => "EPERM (operation not permitted)",
            ENOENT => "ENOENT (no such file or directory)",
            EINTR => "EINTR (interrupted system call)",
            EIO => "EIO (input/output error)",
            ENXIO => "ENXIO (no such device or address)",
            EBADF => "EBADF (bad file descriptor)",
            EAGAIN => "EAGAIN (resource temporarily unavailable)",
            ENOMEM => "ENOMEM (out of memory)",
            EACCES => "EACCES (permission denied)",
            EBUSY => "EBUSY (device or resource busy)",
            ENODEV => "ENODEV (no such device)",
            EINVAL => "EINVAL (invalid argument)",
            ENFILE => "ENFILE (too many open files in the system)",
            EMFILE => "EMFILE (too many open files)",
            _ => "errno " + errno.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
