using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace TcpGen.Cli.Demo
{
    /// <summary>The server half of the demo script, shared by the TcpGen and the kernel server.</summary>
    internal static class DemoServer
    {
        /// <summary>Reads until end of stream and returns how many bytes came.</summary>
        public static async Task<long> ReadToEndAsync(Stream stream, CancellationToken cancellationToken)
        {
            var buffer = new byte[16 * 1024];
            long total = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
            }

            return total;
        }
    }
}
