using System;

namespace TcpGen.Runtime.Tun
{
    /// <summary>
    /// Opening or configuring a TUN device failed. The message is one line that says what went wrong and what to do
    /// (run as root, create the device with `ip tuntap add … user NAME`, load the tun module, ...); <see cref="Errno"/>
    /// carries the raw error for programs.
    /// </summary>
    public sealed class TunException : Exception
    {
        /// <summary>Creates the exception for a failed system call.</summary>
        public TunException(string message, int errno)
            : base(message)
        {
            Errno = errno;
        }

        /// <summary>Creates the exception for a failure that is not a system call (e.g. an `ip` command).</summary>
        public TunException(string message)
            : base(message)
        {
        }

        /// <summary>Required by the exception design guidelines; prefer the errno overload.</summary>
        public TunException()
        {
        }

        /// <summary>Required by the exception design guidelines.</summary>
        public TunException(string message, Exception innerException)
            : base(message, innerException)
        {
        }

        /// <summary>The Linux errno of the failed call, or 0 when the failure was not a system call.</summary>
        public int Errno { get; }
    }
}
