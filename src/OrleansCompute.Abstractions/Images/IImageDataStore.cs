namespace OrleansCompute.Images;

/// <summary>
/// Where image data lives (never in grain state): a directory (embedded mode, or a configured shared directory) or
/// the database (cluster mode). Reads and writes stream: no whole image is held in memory.
/// </summary>
public interface IImageDataStore
{
    /// <summary>Stores all of <paramref name="data"/> as the image's data, replacing any; a failure leaves none.</summary>
    Task WriteAsync(string imageId, Stream data, CancellationToken cancellationToken);

    /// <summary>The image's data as a stream of known length; null when none is stored.</summary>
    Task<ImageDataReader?> OpenAsync(string imageId, CancellationToken cancellationToken);

    /// <summary>
    /// Copies the data of <paramref name="sourceImageId"/> to <paramref name="targetImageId"/> (replacing any) inside
    /// the store, without passing it through the caller; false (the target left as it was) when the source has none.
    /// </summary>
    Task<bool> CopyAsync(string sourceImageId, string targetImageId, CancellationToken cancellationToken);

    /// <summary>Removes the image's data; nothing when there is none.</summary>
    Task DeleteAsync(string imageId, CancellationToken cancellationToken);
}

/// <summary>Stored data being read: its length and the stream (the caller disposes it); the stream seeks, for ranged downloads.</summary>
public sealed record ImageDataReader(long Length, Stream Stream);
