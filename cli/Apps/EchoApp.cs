using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;
using TcpGen.Runtime.Hosting;

namespace TcpGen.Cli.Apps
{
    /// <summary>Echo (RFC 862): every byte received is sent back; when the peer half-closes, so do we.</summary>
    public sealed class EchoApp : IServerApp
    {
        /// <inheritdoc />
        public string Name => "echo";

        /// <inheritdoc />
        public async Task RunAsync(TcpConnection connection, CancellationToken stopping)
        {
            PipeReader input = connection.Input;
            PipeWriter output = connection.Output;
            while (true)
            {
                ReadResult result = await input.ReadAsync(stopping).ConfigureAwait(false);
                foreach (System.ReadOnlyMemory<byte> segment in result.Buffer)
                {
                    await output.WriteAsync(segment, stopping).ConfigureAwait(false);
                }

                input.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }

            await output.CompleteAsync().ConfigureAwait(false);
        }
    }
}
