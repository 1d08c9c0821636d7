namespace OrleansCompute.WebConsole.Components;

/// <summary>One host as the admin page shows it: the servers placed on it and what their flavors take.</summary>
public sealed record HostLoad(string Host, int Servers, long Vcpus, long RamMb, long DiskGb);
