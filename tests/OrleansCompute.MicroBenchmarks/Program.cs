using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/OrleansCompute.MicroBenchmarks -- --filter '*' [--job short]
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>The entry point.</summary>
public partial class Program;
