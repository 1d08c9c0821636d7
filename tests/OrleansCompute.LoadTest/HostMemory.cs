using System.Globalization;

namespace OrleansCompute.LoadTest;

/// <summary>Resident memory of the host process, read from Linux's /proc (current and peak).</summary>
public static class HostMemory
{
    public static (double? ResidentMiB, double? PeakMiB) Read(int pid)
    {
        var path = $"/proc/{pid}/status";
        if (pid <= 0 || !File.Exists(path))
        {
            return (null, null);
        }

        double? Field(string name) => File.ReadLines(path)
            .Where(l => l.StartsWith(name + ":", StringComparison.Ordinal))
            .Select(l => double.Parse(l[(name.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024)
            .Cast<double?>()
            .FirstOrDefault();

        return (Field("VmRSS"), Field("VmHWM"));
    }
}
