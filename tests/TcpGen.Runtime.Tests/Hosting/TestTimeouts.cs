using System;
using System.Threading.Tasks;

namespace TcpGen.Runtime.Tests.Hosting
{
    /// <summary>Every await in the hosting tests is bounded: a hang fails the test instead of the run.</summary>
    public static class TestTimeouts
    {
        /// <summary>Long enough for a loaded CI machine; a passing test takes milliseconds.</summary>
        public static readonly TimeSpan Default = TimeSpan.FromSeconds(15);

        public static Task WithTimeout(this Task task) => task.WaitAsync(Default);

        public static Task<T> WithTimeout<T>(this Task<T> task) => task.WaitAsync(Default);

        public static Task WithTimeout(this ValueTask task) => task.AsTask().WaitAsync(Default);

        public static Task<T> WithTimeout<T>(this ValueTask<T> task) => task.AsTask().WaitAsync(Default);
    }
}
