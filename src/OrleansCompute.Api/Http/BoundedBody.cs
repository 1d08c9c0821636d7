using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace OrleansCompute.Api;

/// <summary>Reads a request body into memory up to a byte limit: null past it, so each service answers in its own fault shape.</summary>
internal static class BoundedBody
{
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        // The usual case (every client of ours sends Content-Length): one array of the declared size, nothing
        // copied. The server never delivers more than the declared length, and fails the read on a short body.
        if (request.ContentLength is { } declared)
        {
            var body = new byte[declared];
            var filled = 0;
            int read;
            while (filled < body.Length && (read = await request.Body.ReadAsync(body.AsMemory(filled), cancellationToken)) > 0)
            {
                filled += read;
            }

            return filled == body.Length ? body : body[..filled];
        }

        return await ReadChunkedAsync(request.Body, limit, cancellationToken);
    }

    private static async Task<byte[]?> ReadChunkedAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(8192);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
