using System.Runtime.InteropServices;

namespace TcpGen.Runtime.Tun
{
    /// <summary>struct pollfd of poll(2): one descriptor, the events asked for and the events that happened.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct PollDescriptor
    {
        /// <summary>The descriptor to watch.</summary>
        public int Fd;

        /// <summary>The events the caller waits for (POLLIN).</summary>
        public short Events;

        /// <summary>The events the kernel reports back.</summary>
        public short ReturnedEvents;
    }
}
