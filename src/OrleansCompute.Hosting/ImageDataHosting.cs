using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansCompute.Images;
using OrleansCompute.Persistence.ImageData;
using OrleansCompute.Persistence.Postgres;

namespace OrleansCompute.Hosting;

/// <summary>
/// Where uploaded image data is kept (<c>Compute:Images</c>): embedded mode in <c>images</c> under the data
/// directory (or <c>DataDirectory</c>); cluster mode in the database, or in a directory every silo shares when
/// <c>Store</c> is <c>directory</c>.
/// </summary>
internal static class ImageDataHosting
{
    public const string DirectoryStore = "directory";
    public const string DatabaseStore = "database";

    public static void Add(IServiceCollection services, bool cluster) =>
        services.AddSingleton<IImageDataStore>(sp =>
        {
            var images = sp.GetRequiredService<IOptions<ImageServiceOptions>>().Value;
            var store = images.Store ?? (cluster ? DatabaseStore : DirectoryStore);
            if (cluster && string.Equals(store, DatabaseStore, StringComparison.OrdinalIgnoreCase))
            {
                return new PostgresImageDataStore(sp.GetRequiredService<PostgresComputeDatabase>());
            }

            var directory = images.DataDirectory
                ?? Path.Combine(Path.GetFullPath(sp.GetRequiredService<IOptions<ComputeOptions>>().Value.DataDirectory), "images");
            return new DirectoryImageDataStore(directory);
        });

    /// <summary>A store choice the mode supports: <c>database</c> only in cluster mode.</summary>
    public static bool IsValidStore(string? store, bool cluster) =>
        store is null
        || string.Equals(store, DirectoryStore, StringComparison.OrdinalIgnoreCase)
        || (cluster && string.Equals(store, DatabaseStore, StringComparison.OrdinalIgnoreCase));
}
