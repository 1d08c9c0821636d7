namespace OrleansCompute.Tests.Infrastructure;

/// <summary>Locates the repository and the built host next to the tests.</summary>
internal static class RepositoryPaths
{
    public static string Root
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OrleansCompute.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("OrleansCompute.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The host's entry assembly, built in the same configuration as the tests.</summary>
    public static string HostAssembly
    {
        get
        {
            // The tests run from bin/<configuration>/net10.0: build the host path from the same configuration.
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            var path = Path.Combine(Root, "src", "OrleansCompute.Host", "bin", configuration, "net10.0", "OrleansCompute.Host.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build the host first.", path);
        }
    }

    /// <summary>A sample's entry assembly, built with the tests (samples/NAME/bin/...).</summary>
    public static string SampleAssembly(string name)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var path = Path.Combine(Root, "samples", name, "bin", configuration, "net10.0", name + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the samples first.", path);
    }
}
