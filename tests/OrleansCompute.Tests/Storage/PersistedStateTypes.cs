using System.Reflection;

namespace OrleansCompute.Tests.Storage;

/// <summary>
/// Every grain state type the control plane persists, found the way Orleans finds them: a grain constructor's
/// <c>[PersistentState]</c> parameter of type <c>IPersistentState&lt;T&gt;</c>, in any OrleansCompute assembly
/// beside the tests. A state added later is found without editing any list.
/// </summary>
internal static class PersistedStateTypes
{
    public static IReadOnlyList<Type> All { get; } = Find();

    public static TheoryData<Type> Theory()
    {
        var data = new TheoryData<Type>();
        foreach (var type in All)
        {
            data.Add(type);
        }

        return data;
    }

    private static List<Type> Find() =>
        ProductAssemblies()
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => typeof(Grain).IsAssignableFrom(type))
            .SelectMany(type => type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
            .SelectMany(constructor => constructor.GetParameters())
            .Where(parameter => parameter.GetCustomAttribute<PersistentStateAttribute>() is not null)
            .Select(parameter => parameter.ParameterType)
            .Where(type => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IPersistentState<>))
            .Select(type => type.GetGenericArguments()[0])
            .Distinct()
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .ToList();

    private static IEnumerable<Assembly> ProductAssemblies() =>
        Directory.GetFiles(AppContext.BaseDirectory, "OrleansCompute.*.dll")
            .Where(path => !Path.GetFileName(path).Contains(".Tests", StringComparison.Ordinal))
            .Select(path => Assembly.Load(AssemblyName.GetAssemblyName(path)));
}
