using System.Runtime.InteropServices;

namespace TcpGen.Runtime.Tun
{
    /// <summary>
    /// The few Linux libc calls a TUN device needs. Every argument is blittable (ints, refs to bytes or structs),
    /// so the calls marshal nothing and allocate nothing; errno comes back through SetLastError.
    /// </summary>
    internal static class LibC
    {
        /// <summary>The shared object every glibc and musl system resolves.</summary>
        private const string Library = "libc";

        /// <summary>open(2) flag: read and write.</summary>
        internal const int O_RDWR = 0x0002;

        /// <summary>open(2) flag: reads and writes never block (same value on x86-64 and arm64).</summary>
        internal const int O_NONBLOCK = 0x0800;

        /// <summary>open(2) flag: the descriptor does not leak into child processes such as `ip`.</summary>
        internal const int O_CLOEXEC = 0x80000;

        /// <summary>eventfd(2) flag: non-blocking counter reads (same bit as O_NONBLOCK).</summary>
        internal const int EFD_NONBLOCK = O_NONBLOCK;

        /// <summary>eventfd(2) flag: close on exec (same bit as O_CLOEXEC).</summary>
        internal const int EFD_CLOEXEC = O_CLOEXEC;

        /// <summary>open(2) flag: read only.</summary>
        internal const int O_RDONLY = 0x0000;

        /// <summary>setns(2) type: the descriptor names a network namespace.</summary>
        internal const int CLONE_NEWNET = 0x40000000;

        /// <summary>poll(2) event: data to read.</summary>
        internal const short POLLIN = 0x0001;

        /// <summary>poll(2) event: the descriptor is in error.</summary>
        internal const short POLLERR = 0x0008;

        /// <summary>poll(2) event: the other end hung up.</summary>
        internal const short POLLHUP = 0x0010;

        /// <summary>poll(2) event: the descriptor is not open.</summary>
        internal const short POLLNVAL = 0x0020;

        /// <summary>_IOW('T', 202, int): attach the descriptor to a named TUN/TAP device, creating it if allowed.</summary>
        internal const ulong TUNSETIFF = 0x400454CA;

        /// <summary>_IOR('T', 210, unsigned int): read back the attached device's name and flags.</summary>
        internal const ulong TUNGETIFF = 0x800454D2;

        /// <summary>Socket ioctl: read an interface's MTU into struct ifreq (netdevice(7)).</summary>
        internal const ulong SIOCGIFMTU = 0x8921;

        /// <summary>socket(2) domain: IPv4, used only as a handle for interface ioctls.</summary>
        internal const int AF_INET = 2;

        /// <summary>socket(2) type: datagram; with SOCK_CLOEXEC so it never leaks into children.</summary>
        internal const int SOCK_DGRAM_CLOEXEC = 2 | O_CLOEXEC;

        /// <summary>struct ifreq flag: the device outlives its descriptors (made with `ip tuntap add`).</summary>
        internal const short IFF_PERSIST = 0x0800;

        /// <summary>struct ifreq flag: layer-3 device (IP packets, no Ethernet header).</summary>
        internal const short IFF_TUN = 0x0001;

        /// <summary>struct ifreq flag: no 4-byte packet-information prefix on reads and writes.</summary>
        internal const short IFF_NO_PI = 0x1000;

        /// <summary>IFNAMSIZ: interface names are at most 15 characters plus the terminating NUL.</summary>
        internal const int InterfaceNameSize = 16;

        /// <summary>sizeof(struct ifreq) on 64-bit Linux: the name, then a 24-byte union (flags at its start).</summary>
        internal const int InterfaceRequestSize = 40;

        [DllImport(Library, EntryPoint = "open", SetLastError = true)]
        internal static extern int Open(ref byte pathNulTerminated, int flags);

        [DllImport(Library, EntryPoint = "ioctl", SetLastError = true)]
        internal static extern int Ioctl(int fd, ulong request, ref byte argument);

        [DllImport(Library, EntryPoint = "read", SetLastError = true)]
        internal static extern nint Read(int fd, ref byte buffer, nuint count);

        [DllImport(Library, EntryPoint = "write", SetLastError = true)]
        internal static extern nint Write(int fd, ref byte buffer, nuint count);

        [DllImport(Library, EntryPoint = "poll", SetLastError = true)]
        internal static extern int Poll(ref PollDescriptor descriptors, nuint count, int timeoutMilliseconds);

        [DllImport(Library, EntryPoint = "eventfd", SetLastError = true)]
        internal static extern int EventFd(uint initialValue, int flags);

        [DllImport(Library, EntryPoint = "setns", SetLastError = true)]
        internal static extern int SetNamespace(int fd, int namespaceType);

        [DllImport(Library, EntryPoint = "socket", SetLastError = true)]
        internal static extern int Socket(int domain, int type, int protocol);

        [DllImport(Library, EntryPoint = "if_nametoindex", SetLastError = true)]
        internal static extern uint InterfaceNameToIndex(ref byte nameNulTerminated);

        [DllImport(Library, EntryPoint = "close", SetLastError = true)]
        internal static extern int Close(int fd);
    }
}
