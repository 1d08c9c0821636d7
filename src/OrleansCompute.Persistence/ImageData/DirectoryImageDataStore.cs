using OrleansCompute.Images;

namespace OrleansCompute.Persistence.ImageData;

/// <summary>
/// Image data as files, one per image, in a directory (embedded mode's data directory, or a directory every silo
/// shares in cluster mode). A write goes to a temporary file first and is renamed into place when complete, so a
/// reader never sees half an image and a failed upload leaves nothing.
/// </summary>
public sealed class DirectoryImageDataStore(string directory) : IImageDataStore
{
    private const int BufferSize = 81920;

    public string Directory { get; } = Path.GetFullPath(directory);

    public async Task WriteAsync(string imageId, Stream data, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var target = PathOf(imageId);
        var temporary = target + "." + Guid.NewGuid().ToString("N") + ".part";
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
            {
                await data.CopyToAsync(file, BufferSize, cancellationToken);
            }

            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public Task<ImageDataReader?> OpenAsync(string imageId, CancellationToken cancellationToken)
    {
        try
        {
            var file = new FileStream(PathOf(imageId), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, useAsync: true);
            return Task.FromResult<ImageDataReader?>(new ImageDataReader(file.Length, file));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<ImageDataReader?>(null);
        }
    }

    public async Task<bool> CopyAsync(string sourceImageId, string targetImageId, CancellationToken cancellationToken)
    {
        if (await OpenAsync(sourceImageId, cancellationToken) is not { } source)
        {
            return false;
        }

        // Through a temporary file as any write: a reader never sees half a copy.
        await using (source.Stream)
        {
            await WriteAsync(targetImageId, source.Stream, cancellationToken);
        }

        return true;
    }

    public Task DeleteAsync(string imageId, CancellationToken cancellationToken)
    {
        // No directory yet (nothing was ever uploaded): nothing to delete.
        if (System.IO.Directory.Exists(Directory))
        {
            File.Delete(PathOf(imageId));
        }

        return Task.CompletedTask;
    }

    /// <summary>Only a uuid names a file: nothing a request sends can reach outside the directory.</summary>
    private string PathOf(string imageId) =>
        Guid.TryParse(imageId, out var id)
            ? Path.Combine(Directory, id.ToString())
            : throw new ArgumentException("An image id is a uuid.", nameof(imageId));
}
