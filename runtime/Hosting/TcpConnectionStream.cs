using System;
using System.Buffers;
using System.IO;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;

namespace TcpGen.Runtime.Hosting
{
    /// <summary>
    /// A bidirectional <see cref="Stream"/> over a <see cref="TcpConnection"/>'s pipes. Reads return 0 at the peer's
    /// FIN; writes are flushed to the connection; a connection ended by reset fails both with
    /// <see cref="TcpConnectionException"/>. Disposing the stream disposes the connection.
    /// </summary>
    internal sealed class TcpConnectionStream : Stream
    {
        /// <summary>The connection whose pipes this stream reads and writes.</summary>
        private readonly TcpConnection _connection;

        public TcpConnectionStream(TcpConnection connection)
        {
            _connection = connection;
        }

        public override bool CanRead => true;

        public override bool CanWrite => true;

        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            PipeReader input = _connection.Input;
            while (true)
            {
                ReadResult result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
                ReadOnlySequence<byte> data = result.Buffer;
                if (!data.IsEmpty && buffer.Length > 0)
                {
                    int count = (int)Math.Min(buffer.Length, data.Length);
                    data.Slice(0, count).CopyTo(buffer.Span);
                    input.AdvanceTo(data.GetPosition(count));
                    return count;
                }

                input.AdvanceTo(data.Start, data.End);
                if (result.IsCompleted || buffer.Length == 0)
                {
                    return 0;
                }
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            FlushResult result = await _connection.Output.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (result.IsCompleted)
            {
                throw new TcpConnectionException(_connection.EndReason, "The connection can no longer send: " + TcpConnectionException.MessageFor(_connection.EndReason));
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override ValueTask DisposeAsync() => _connection.DisposeAsync();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _connection.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
