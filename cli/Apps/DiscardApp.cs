using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;
using TcpGen.Runtime.Hosting;

namespace TcpGen.Cli.Apps
{
    /// <summary>Discard (RFC 863): everything received is thrown away; when the peer half-closes, so do we.</summary>
    public sealed class DiscardApp : IServerApp
    {
        /// <inheritdoc />
        public string Name => "discard";

        /// <inheritdoc />
        public async Task RunAsync(TcpConnection connection, CancellationToken stopping)
        {
            PipeReader input = connection.Input;
            while (true)
            {
                ReadResult result = await input.ReadAsync(stopping).ConfigureAwait(false);
                input.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }

            await connection.Output.CompleteAsync().ConfigureAwait(false);
        }
    }
}
