using System;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;

namespace TcpGen.Runtime.Tun
{
    /// <summary>
    /// Runs a function on a fresh thread that has entered a named network namespace (<c>ip netns add NAME</c>, bound
    /// at /run/netns/NAME). setns(2) with CLONE_NEWNET moves only the calling thread, so the rest of the process
    /// stays where it is; what the function creates there (TUN devices, sockets) keeps belonging to that namespace
    /// after the thread ends and may be used from any thread. Needs CAP_SYS_ADMIN.
    /// </summary>
    public static class NetworkNamespaceThread
    {
        /// <summary>Where iproute2 binds named network namespaces.</summary>
        private const string NamespaceDirectory = "/run/netns/";

        /// <summary>Runs <paramref name="function"/> inside <paramref name="namespaceName"/> and returns its result; its exceptions are rethrown here.</summary>
        public static T Run<T>(string namespaceName, Func<T> function)
        {
            ArgumentNullException.ThrowIfNull(namespaceName);
            ArgumentNullException.ThrowIfNull(function);
            if (namespaceName.Length == 0 || namespaceName.Contains('/', StringComparison.Ordinal) || namespaceName is "." or "..")
            {
                throw new TunException("'" + namespaceName + "' is not a network namespace name", Errno.EINVAL);
            }

            T result = default!;
            ExceptionDispatchInfo? failure = null;
            var thread = new Thread(() =>
            {
                try
                {
                    Enter(namespaceName);
                    result = function();
                }
                catch (Exception e)
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                }
            })
            {
                IsBackground = true,
                Name = "netns " + namespaceName,
            };
            thread.Start();
            thread.Join();
            failure?.Throw();
            return result;
        }

        /// <summary>Moves the calling thread into the named namespace; throws <see cref="TunException"/> with the reason.</summary>
        private static void Enter(string namespaceName)
        {
            string path = NamespaceDirectory + namespaceName;
            Span<byte> nulTerminated = stackalloc byte[Encoding.UTF8.GetMaxByteCount(path.Length) + 1];
            int length = Encoding.UTF8.GetBytes(path, nulTerminated);
            nulTerminated[length] = 0;
            int fd = LibC.Open(ref nulTerminated[0], LibC.O_RDONLY | LibC.O_CLOEXEC);
            if (fd < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                throw new TunException(
                    errno == Errno.ENOENT
                        ? "network namespace '" + namespaceName + "' does not exist (create it with `ip netns add " + namespaceName + "`)"
                        : "cannot open network namespace '" + namespaceName + "': " + Errno.Describe(errno),
                    errno);
            }

            try
            {
                if (LibC.SetNamespace(fd, LibC.CLONE_NEWNET) != 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    throw new TunException(
                        errno == Errno.EPERM
                            ? "no permission to enter network namespace '" + namespaceName + "': run as root (CAP_SYS_ADMIN)"
                            : "cannot enter network namespace '" + namespaceName + "': " + Errno.Describe(errno),
                        errno);
                }
            }
            finally
            {
                LibC.Close(fd);
            }
        }
    }
}
