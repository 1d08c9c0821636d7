using OrleansCompute.Images;
using OrleansCompute.Indexing;
using OrleansCompute.Persistence.Index;

namespace OrleansCompute.Persistence.Images;

/// <summary>The image index in the server index's database (same data sources), whatever database the host chose.</summary>
public static class ImageIndexes
{
    public static IImageIndex Beside(IServerIndex serverIndex) => serverIndex is AdoNetServerIndex adoNet
        ? new AdoNetImageIndex(adoNet.DataSources.Write, adoNet.DataSources.Read)
        : throw new InvalidOperationException($"The image index lives beside an ADO.NET server index, not a {serverIndex?.GetType().Name}.");
}
