using System;
using System.Runtime.InteropServices;

namespace TcpGen.Runtime.Tun
{
    /// <summary>
    /// Owns one Linux file descriptor. The reference count of <see cref="SafeHandle"/> keeps the number from being
    /// closed (and reused by another open) while a read, write or poll on another thread still uses it.
    /// </summary>
    internal sealed class FileDescriptorHandle : SafeHandle
    {
        /// <summary>Takes ownership of an open descriptor.</summary>
        public FileDescriptorHandle(int fd)
            : base(new IntPtr(-1), ownsHandle: true)
        {
            SetHandle(new IntPtr(fd));
        }

        /// <inheritdoc />
        public override bool IsInvalid => handle.ToInt64() < 0;

        /// <summary>The raw descriptor; only meaningful between DangerousAddRef and DangerousRelease.</summary>
        public int Fd => (int)handle.ToInt64();

        /// <summary>Takes a reference for one call; false once the handle is disposed (the caller treats it as closed).</summary>
        public bool TryAcquire()
        {
            if (IsClosed)
            {
                return false;
            }

            bool acquired = false;
            try
            {
                DangerousAddRef(ref acquired);
            }
            catch (ObjectDisposedException)
            {
                return false;
            }

            return acquired;
        }

        /// <inheritdoc />
        protected override bool ReleaseHandle() => LibC.Close(Fd) == 0;
    }
}
