namespace OrleansCompute.Tests.Infrastructure;

/// <summary>
/// About how long a test collection runs, in seconds (a full run on a quiet 2-core machine, read from a TRX): on a
/// collection definition, or on a test class that is a collection of its own. <see cref="LongestCollectionsFirst"/>
/// starts the marked collections first, longest first. Only the long ones need it; a figure that drifts costs
/// nothing but a later start.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class CollectionDurationAttribute(int seconds) : Attribute
{
    public int Seconds { get; } = seconds;
}
