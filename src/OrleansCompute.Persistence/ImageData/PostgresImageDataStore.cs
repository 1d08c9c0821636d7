using Npgsql;
using NpgsqlTypes;
using OrleansCompute.Images;
using OrleansCompute.Persistence.Postgres;

namespace OrleansCompute.Persistence.ImageData;

/// <summary>
/// Image data in the cluster's PostgreSQL database (table <c>compute_image_data</c>), in chunks of
/// <see cref="ChunkBytes"/>: an upload is written chunk by chunk in one transaction (all or nothing), a download
/// reads one chunk at a time. Every silo sees the same data without a shared file system.
/// </summary>
public sealed class PostgresImageDataStore(PostgresComputeDatabase database) : IImageDataStore
{
    public const int ChunkBytes = 1024 * 1024;

    public async Task WriteAsync(string imageId, Stream data, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await DeleteAsync(connection, transaction, imageId, cancellationToken);
        var buffer = new byte[ChunkBytes];
        var chunk = 0;
        while (true)
        {
            var filled = await data.ReadAtLeastAsync(buffer, ChunkBytes, throwOnEndOfStream: false, cancellationToken);
            if (filled == 0)
            {
                break;
            }

            await using (var insert = new NpgsqlCommand("INSERT INTO compute_image_data (image_id, chunk_no, data) VALUES (@id, @no, @data);", connection, transaction))
            {
                insert.Parameters.AddWithValue("id", imageId);
                insert.Parameters.AddWithValue("no", chunk++);
                insert.Parameters.Add(new NpgsqlParameter("data", NpgsqlDbType.Bytea) { Value = new ArraySegment<byte>(buffer, 0, filled) });
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            if (filled < ChunkBytes)
            {
                break;
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<ImageDataReader?> OpenAsync(string imageId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT count(*), coalesce(sum(length(data)), 0) FROM compute_image_data WHERE image_id = @id;");
        command.Parameters.AddWithValue("id", imageId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var chunks = reader.GetInt64(0);
        var length = reader.GetInt64(1);
        return chunks == 0 ? null : new ImageDataReader(length, new ChunkStream(database.DataSource, imageId, (int)chunks, length));
    }

    public async Task<bool> CopyAsync(string sourceImageId, string targetImageId, CancellationToken cancellationToken)
    {
        // One statement per step in one transaction, so the chunks never leave the database and a failure copies none.
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await DeleteAsync(connection, transaction, targetImageId, cancellationToken);
        await using var copy = new NpgsqlCommand(
            "INSERT INTO compute_image_data (image_id, chunk_no, data) SELECT @target, chunk_no, data FROM compute_image_data WHERE image_id = @source;",
            connection,
            transaction);
        copy.Parameters.AddWithValue("target", targetImageId);
        copy.Parameters.AddWithValue("source", sourceImageId);
        if (await copy.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            // No source data: the target stays as it was.
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task DeleteAsync(string imageId, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await DeleteAsync(connection, null, imageId, cancellationToken);
    }

    private static async Task DeleteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string imageId, CancellationToken cancellationToken)
    {
        await using var delete = new NpgsqlCommand("DELETE FROM compute_image_data WHERE image_id = @id;", connection, transaction);
        delete.Parameters.AddWithValue("id", imageId);
        await delete.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Reads the chunks in order, one query each, holding one chunk at a time. It seeks (a ranged download) by
    /// starting at the chunk that holds the position: every chunk but the last is <see cref="ChunkBytes"/> long.
    /// </summary>
    private sealed class ChunkStream(NpgsqlDataSource dataSource, string imageId, int chunks, long length) : Stream
    {
        private byte[] _chunk = [];
        private int _offset;
        private int _next;
        private long _position;
        // Bytes of the next chunk loaded that lie before the position (after a seek).
        private int _skip;

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;

        public override long Position
        {
            get => _position;
            set
            {
                ArgumentOutOfRangeException.ThrowIfNegative(value);
                _position = Math.Min(value, length);
                _next = (int)(_position / ChunkBytes);
                _chunk = [];
                _offset = 0;
                _skip = (int)(_position % ChunkBytes);
            }
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_offset == _chunk.Length)
            {
                if (_next == chunks)
                {
                    return 0;
                }

                await using var command = dataSource.CreateCommand("SELECT data FROM compute_image_data WHERE image_id = @id AND chunk_no = @no;");
                command.Parameters.AddWithValue("id", imageId);
                command.Parameters.AddWithValue("no", _next++);
                _chunk = await command.ExecuteScalarAsync(cancellationToken) as byte[] ?? [];
                _offset = Math.Min(_skip, _chunk.Length);
                _skip = 0;
                if (_offset == _chunk.Length)
                {
                    return 0;
                }
            }

            var count = Math.Min(buffer.Length, _chunk.Length - _offset);
            _chunk.AsMemory(_offset, count).CopyTo(buffer);
            _offset += count;
            _position += count;
            return count;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            Position = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => _position + offset,
                _ => length + offset,
            };
            return _position;
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
