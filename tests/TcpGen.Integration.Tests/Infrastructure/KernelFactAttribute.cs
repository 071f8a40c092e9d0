using Xunit;

namespace TcpGen.Integration.Tests.Infrastructure
{
    /// <summary>A fact that needs root and /dev/net/tun: skipped with the reason elsewhere, mandatory when CI=true.</summary>
    public sealed class KernelFactAttribute : FactAttribute
    {
        /// <summary>Sets Skip from <see cref="KernelEnvironment.SkipReason"/>.</summary>
        public KernelFactAttribute()
        {
            if (KernelEnvironment.SkipReason is string reason)
            {
                Skip = reason;
            }
        }
    }
}
