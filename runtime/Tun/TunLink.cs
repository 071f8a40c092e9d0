using System;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using TcpGen.Runtime.Links;

namespace TcpGen.Runtime.Tun
{
    /// <summary>
    /// An <see cref="ILink"/> over a Linux TUN device (/dev/net/tun, IFF_TUN | IFF_NO_PI): each read is one raw IPv4
    /// or IPv6 packet the kernel routed to the device, each write one packet the kernel receives from it.
    /// <para>Opening by name creates the device when it does not exist (needs CAP_NET_ADMIN; the device disappears
    /// when this link is disposed) or attaches to one made beforehand with
    /// <c>ip tuntap add dev NAME mode tun user USER</c> (then no privilege is needed and the device stays).</para>
    /// <para>The descriptor is non-blocking; <see cref="WaitReceivable"/> polls it together with an eventfd that
    /// <see cref="Interrupt"/> signals. Receiving and sending allocate nothing. Sends that the kernel refuses (device
    /// down, queue full) are dropped and counted, as a wire would lose them.</para>
    /// </summary>
    public sealed class TunLink : ILink
    {
        /// <summary>The MTU assumed when the device's own cannot be read (Ethernet's).</summary>
        public const int DefaultMtu = 1500;

        /// <summary>The character device every TUN/TAP descriptor is opened from.</summary>
        private const string ClonePath = "/dev/net/tun";

        /// <summary>The TUN descriptor: packets in and out.</summary>
        private readonly FileDescriptorHandle _tun;

        /// <summary>The eventfd that <see cref="Interrupt"/> writes to wake <see cref="WaitReceivable"/>.</summary>
        private readonly FileDescriptorHandle _wakeup;

        /// <summary>Packets read from the device.</summary>
        private long _packetsReceived;

        /// <summary>Packets written to the device.</summary>
        private long _packetsSent;

        /// <summary>Packets the kernel refused on write (device down, queue full, closed link).</summary>
        private long _sendsDropped;

        /// <summary>Reads that failed with something other than "nothing waiting".</summary>
        private long _receiveErrors;

        /// <summary>Builds the link over descriptors <see cref="Open"/> has set up.</summary>
        private TunLink(FileDescriptorHandle tun, FileDescriptorHandle wakeup, string deviceName, int mtu, bool created)
        {
            _tun = tun;
            _wakeup = wakeup;
            DeviceName = deviceName;
            Mtu = mtu;
            CreatedDevice = created;
        }

        /// <summary>The device's name as the kernel knows it.</summary>
        public string DeviceName { get; }

        /// <inheritdoc />
        public int Mtu { get; }

        /// <summary>True when this link created the device (it goes away on dispose); false when it attached to an existing one.</summary>
        public bool CreatedDevice { get; }

        /// <summary>Packets read from the device.</summary>
        public long PacketsReceived => Volatile.Read(ref _packetsReceived);

        /// <summary>Packets written to the device.</summary>
        public long PacketsSent => Volatile.Read(ref _packetsSent);

        /// <summary>Packets the kernel refused on write (device down, queue full, link closed).</summary>
        public long SendsDropped => Volatile.Read(ref _sendsDropped);

        /// <summary>Reads that failed for a reason other than "nothing waiting".</summary>
        public long ReceiveErrors => Volatile.Read(ref _receiveErrors);

        /// <summary>
        /// Opens the TUN device <paramref name="deviceName"/>, creating it when missing.
        /// Throws <see cref="TunException"/> with a one-line explanation when that is not possible.
        /// </summary>
        public static TunLink Open(string deviceName)
        {
            ValidateName(deviceName);
            bool existed = InterfaceExists(deviceName);

            int tunFd = OpenCloneDevice();
            var tun = new FileDescriptorHandle(tunFd);
            try
            {
                string actualName = Attach(tunFd, deviceName, existed, out bool persistent);
                int eventFd = LibC.EventFd(0, LibC.EFD_NONBLOCK | LibC.EFD_CLOEXEC);
                if (eventFd < 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    throw new TunException("cannot create the wake-up eventfd for TUN device '" + deviceName + "': " + Errno.Describe(errno), errno);
                }

                return new TunLink(tun, new FileDescriptorHandle(eventFd), actualName, ReadMtu(actualName), !persistent && !existed);
            }
            catch
            {
                tun.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Opens (creating when missing) the TUN device <paramref name="deviceName"/> inside the named network namespace
        /// <paramref name="namespaceName"/> (one made with <c>ip netns add</c>), so the device never appears in the
        /// caller's namespace. The process keeps its own namespace: only a short-lived helper thread enters the
        /// target one (see <see cref="NetworkNamespaceThread"/>). Needs CAP_SYS_ADMIN for setns.
        /// </summary>
        public static TunLink OpenInNamespace(string deviceName, string namespaceName) =>
            NetworkNamespaceThread.Run(namespaceName, () => Open(deviceName));

        /// <inheritdoc />
        public bool TryReceive(Span<byte> destination, out int length)
        {
            length = 0;
            if (destination.IsEmpty || !_tun.TryAcquire())
            {
                return false;
            }

            try
            {
                nint read = LibC.Read(_tun.Fd, ref MemoryMarshal.GetReference(destination), (nuint)destination.Length);
                if (read > 0)
                {
                    length = (int)read;
                    _packetsReceived++;
                    return true;
                }

                if (read < 0 && Marshal.GetLastPInvokeError() != Errno.EAGAIN)
                {
                    _receiveErrors++;
                }

                return false;
            }
            finally
            {
                _tun.DangerousRelease();
            }
        }

        /// <inheritdoc />
        public void Send(ReadOnlySpan<byte> packet)
        {
            if (packet.IsEmpty || !_tun.TryAcquire())
            {
                _sendsDropped++;
                return;
            }

            try
            {
                nint written = LibC.Write(_tun.Fd, ref MemoryMarshal.GetReference(packet), (nuint)packet.Length);
                if (written == packet.Length)
                {
                    _packetsSent++;
                }
                else
                {
                    _sendsDropped++;
                }
            }
            finally
            {
                _tun.DangerousRelease();
            }
        }

        /// <inheritdoc />
        public bool WaitReceivable(TimeSpan timeout)
        {
            if (!_tun.TryAcquire())
            {
                return false;
            }

            bool wakeupAcquired = false;
            try
            {
                wakeupAcquired = _wakeup.TryAcquire();
                Span<PollDescriptor> descriptors = stackalloc PollDescriptor[2];
                descriptors[0] = new PollDescriptor { Fd = _tun.Fd, Events = LibC.POLLIN };
                descriptors[1] = new PollDescriptor { Fd = wakeupAcquired ? _wakeup.Fd : -1, Events = LibC.POLLIN };
                int ready = LibC.Poll(ref descriptors[0], 2, ToPollTimeout(timeout));
                if (ready <= 0)
                {
                    return false;
                }

                if (wakeupAcquired && (descriptors[1].ReturnedEvents & LibC.POLLIN) != 0)
                {
                    Span<byte> counter = stackalloc byte[sizeof(ulong)];
                    LibC.Read(_wakeup.Fd, ref counter[0], (nuint)counter.Length);
                }

                return (descriptors[0].ReturnedEvents & LibC.POLLIN) != 0;
            }
            finally
            {
                if (wakeupAcquired)
                {
                    _wakeup.DangerousRelease();
                }

                _tun.DangerousRelease();
            }
        }

        /// <inheritdoc />
        public void Interrupt()
        {
            if (!_wakeup.TryAcquire())
            {
                return;
            }

            try
            {
                Span<byte> one = stackalloc byte[sizeof(ulong)];
                ulong increment = 1;
                MemoryMarshal.Write(one, in increment);

                LibC.Write(_wakeup.Fd, ref one[0], (nuint)one.Length);
            }
            finally
            {
                _wakeup.DangerousRelease();
            }
        }

        /// <summary>
        /// Closes the device (a device this link created disappears with it). A thread blocked in
        /// <see cref="WaitReceivable"/> is woken; later calls receive nothing and drop sends.
        /// </summary>
        public void Dispose()
        {
            Interrupt();
            _tun.Dispose();
            _wakeup.Dispose();
        }

        /// <summary>Rejects names the kernel would refuse, so the error names the real problem.</summary>
        private static void ValidateName(string deviceName)
        {
            ArgumentNullException.ThrowIfNull(deviceName);
            if (deviceName.Length == 0 || deviceName.Length >= LibC.InterfaceNameSize)
            {
                throw new TunException("TUN device name '" + deviceName + "' must be 1 to 15 characters long", Errno.EINVAL);
            }

            foreach (char c in deviceName)
            {
                if (c <= ' ' || c >= 0x7F || c == '/' || c == ':')
                {
                    throw new TunException("TUN device name '" + deviceName + "' may not contain spaces, '/', ':' or non-ASCII characters", Errno.EINVAL);
                }
            }

            if (deviceName is "." or "..")
            {
                throw new TunException("TUN device name '" + deviceName + "' is not a valid interface name", Errno.EINVAL);
            }
        }

        /// <summary>Opens /dev/net/tun, explaining why when it cannot be.</summary>
        private static int OpenCloneDevice()
        {
            Span<byte> path = stackalloc byte[ClonePath.Length + 1];
            Encoding.ASCII.GetBytes(ClonePath, path);
            path[ClonePath.Length] = 0;
            int fd = LibC.Open(ref path[0], LibC.O_RDWR | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
            if (fd >= 0)
            {
                return fd;
            }

            int errno = Marshal.GetLastPInvokeError();
            string message = errno switch
            {
                Errno.ENOENT => ClonePath + " does not exist: load the tun module (modprobe tun) or, in a container, pass the device in (--device /dev/net/tun)",
                Errno.EACCES or Errno.EPERM => "no permission to open " + ClonePath + ": run as root, or give this user read/write access to it (needed even for a device made with `ip tuntap add ... user NAME`)",
                Errno.ENODEV or Errno.ENXIO => "the kernel has no TUN driver behind " + ClonePath + ": load it with modprobe tun",
                _ => "cannot open " + ClonePath + ": " + Errno.Describe(errno),
            };
            throw new TunException(message, errno);
        }

        /// <summary>TUNSETIFF: binds the descriptor to the named device; returns the name the kernel reports.</summary>
        private static string Attach(int fd, string deviceName, bool existed, out bool persistent)
        {
            persistent = false;
            Span<byte> request = stackalloc byte[LibC.InterfaceRequestSize];
            request.Clear();
            Encoding.ASCII.GetBytes(deviceName, request);
            short flags = LibC.IFF_TUN | LibC.IFF_NO_PI;
            MemoryMarshal.Write(request.Slice(LibC.InterfaceNameSize), in flags);

            if (LibC.Ioctl(fd, LibC.TUNSETIFF, ref request[0]) == 0)
            {
                if (LibC.Ioctl(fd, LibC.TUNGETIFF, ref request[0]) == 0)
                {
                    persistent = (MemoryMarshal.Read<short>(request.Slice(LibC.InterfaceNameSize)) & LibC.IFF_PERSIST) != 0;
                }

                int end = request.Slice(0, LibC.InterfaceNameSize).IndexOf((byte)0);
                return Encoding.ASCII.GetString(request.Slice(0, end < 0 ? LibC.InterfaceNameSize : end));
            }

            int errno = Marshal.GetLastPInvokeError();
            string message = errno switch
            {
                Errno.EPERM when existed => "no permission to attach to TUN device '" + deviceName + "': it belongs to another user or group; run as root or recreate it with `ip tuntap add dev " + deviceName + " mode tun user $USER`",
                Errno.EPERM => "no permission to create TUN device '" + deviceName + "': run as root (CAP_NET_ADMIN), or have root create it first with `ip tuntap add dev " + deviceName + " mode tun user $USER`",
                Errno.EBUSY => "TUN device '" + deviceName + "' is busy: another process already has it open",
                Errno.EINVAL when existed => "'" + deviceName + "' exists but is not a TUN device without packet information (it may be a TAP device, have other flags, or be another kind of interface)",
                Errno.EINVAL => "the kernel rejected TUN device name '" + deviceName + "'",
                _ => "cannot attach to TUN device '" + deviceName + "': " + Errno.Describe(errno),
            };
            throw new TunException(message, errno);
        }

        /// <summary>True when an interface of that name exists in the calling thread's network namespace.</summary>
        private static bool InterfaceExists(string deviceName)
        {
            Span<byte> name = stackalloc byte[LibC.InterfaceNameSize];
            name.Clear();
            Encoding.ASCII.GetBytes(deviceName, name);
            return LibC.InterfaceNameToIndex(ref name[0]) != 0;
        }

        /// <summary>The device MTU (SIOCGIFMTU in the calling thread's namespace); <see cref="DefaultMtu"/> when it cannot be read.</summary>
        private static int ReadMtu(string deviceName)
        {
            int socket = LibC.Socket(LibC.AF_INET, LibC.SOCK_DGRAM_CLOEXEC, 0);
            if (socket < 0)
            {
                return DefaultMtu;
            }

            try
            {
                Span<byte> request = stackalloc byte[LibC.InterfaceRequestSize];
                request.Clear();
                Encoding.ASCII.GetBytes(deviceName, request);
                if (LibC.Ioctl(socket, LibC.SIOCGIFMTU, ref request[0]) != 0)
                {
                    return DefaultMtu;
                }

                int mtu = MemoryMarshal.Read<int>(request.Slice(LibC.InterfaceNameSize));
                return mtu >= 68 ? mtu : DefaultMtu;
            }
            finally
            {
                LibC.Close(socket);
            }
        }

        /// <summary>poll(2) milliseconds, rounded up so a short deadline does not become a busy loop; -1 waits forever.</summary>
        private static int ToPollTimeout(TimeSpan timeout)
        {
            if (timeout == Timeout.InfiniteTimeSpan)
            {
                return -1;
            }

            if (timeout <= TimeSpan.Zero)
            {
                return 0;
            }

            double milliseconds = Math.Ceiling(timeout.TotalMilliseconds);
            return milliseconds >= int.MaxValue ? int.MaxValue : (int)milliseconds;
        }
    }
}
