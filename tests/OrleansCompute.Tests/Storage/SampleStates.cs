using System.Collections;
using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansCompute.Tests.Storage;

/// <summary>
/// Builds an instance of any state type by reflection with a value in every member, all the way down: strings that
/// need escaping, non-zero numbers, a non-default enum member, dates with an offset, two entries in every collection.
/// Nullable members are set (<see cref="Full"/>) or left null (<see cref="Sparse"/>), so both ways of writing them
/// are compared. A member type it does not know fails the build, naming the type: a new kind of member gets a value
/// here rather than going untested.
/// </summary>
internal sealed class SampleStates
{
    private const int MaxDepth = 10;
    private readonly NullabilityInfoContext _nullability = new();
    private readonly bool _fillNullables;
    private int _counter;

    private SampleStates(bool fillNullables) => _fillNullables = fillNullables;

    public static object Full(Type type) => new SampleStates(fillNullables: true).Build(type, 0);

    public static object Sparse(Type type) => new SampleStates(fillNullables: false).Build(type, 0);

    private object Build(Type type, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidOperationException($"{type} nests deeper than {MaxDepth}: a cycle?");
        }

        _counter++;
        return Scalar(type) ?? Collection(type, depth) ?? Composite(type, depth);
    }

    private object? Member(Type type, NullabilityState nullability, int depth)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            return _fillNullables ? Build(underlying, depth + 1) : null;
        }

        if (!type.IsValueType && nullability == NullabilityState.Nullable && !_fillNullables)
        {
            return null;
        }

        return Build(type, depth + 1);
    }

    private object? Scalar(Type type)
    {
        var n = _counter;
        if (type.IsEnum)
        {
            var values = Enum.GetValuesAsUnderlyingType(type);
            return Enum.ToObject(type, values.GetValue(values.Length - 1)!);
        }

        return type switch
        {
            _ when type == typeof(string) => $"v{n} é<\"&'+\\/",
            _ when type == typeof(bool) => true,
            _ when type == typeof(int) => 1000 + n,
            _ when type == typeof(long) => 5_000_000_000L + n,
            _ when type == typeof(short) => (short)(100 + n),
            _ when type == typeof(byte) => (byte)(n % 250 + 1),
            _ when type == typeof(uint) => (uint)(2000 + n),
            _ when type == typeof(ulong) => (ulong)(3000 + n),
            _ when type == typeof(double) => n + 0.25,
            _ when type == typeof(float) => n + 0.5f,
            _ when type == typeof(decimal) => n + 0.125m,
            _ when type == typeof(Guid) => new Guid(n, 7, 9, [1, 2, 3, 4, 5, 6, 7, 8]),
            _ when type == typeof(DateTimeOffset) => new DateTimeOffset(2026, 2, 3, 4, 5, 6, 789, TimeSpan.FromHours(2)).AddSeconds(n),
            _ when type == typeof(DateTime) => new DateTime(2026, 2, 3, 4, 5, 6, 789, DateTimeKind.Utc).AddSeconds(n),
            _ when type == typeof(TimeSpan) => TimeSpan.FromMilliseconds(1500 + n),
            _ when type == typeof(DateOnly) => new DateOnly(2026, 2, 3).AddDays(n),
            _ when type == typeof(TimeOnly) => new TimeOnly(4, 5, 6).Add(TimeSpan.FromSeconds(n)),
            _ when type == typeof(byte[]) => new byte[] { 1, 2, (byte)(n % 250) },
            _ when type == typeof(Version) => new Version(1, 2, n),
            _ when type == typeof(IPAddress) => IPAddress.Parse($"10.0.{n % 250}.7"),
            _ when type == typeof(JsonElement) => JsonDocument.Parse($$"""{"k":[{{n}},"x",null,true]}""").RootElement.Clone(),
            _ when type == typeof(object) => $"object {n}",
            _ => null,
        };
    }

    private object? Collection(Type type, int depth)
    {
        if (type.IsArray)
        {
            var element = type.GetElementType()!;
            var array = Array.CreateInstance(element, 2);
            array.SetValue(Build(element, depth + 1), 0);
            array.SetValue(Build(element, depth + 1), 1);
            return array;
        }

        var dictionary = GenericInterface(type, typeof(IDictionary<,>)) ?? GenericInterface(type, typeof(IReadOnlyDictionary<,>));
        if (dictionary is not null)
        {
            var (key, value) = (dictionary.GetGenericArguments()[0], dictionary.GetGenericArguments()[1]);
            var instance = (IDictionary)Activator.CreateInstance(type.IsInterface ? typeof(Dictionary<,>).MakeGenericType(key, value) : type)!;
            for (var i = 0; i < 2; i++)
            {
                instance[Build(key, depth + 1)] = Build(value, depth + 1);
            }

            return instance;
        }

        var enumerable = GenericInterface(type, typeof(IEnumerable<>));
        if (enumerable is null)
        {
            return null;
        }

        var item = enumerable.GetGenericArguments()[0];
        var items = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(item))!;
        items.Add(Build(item, depth + 1));
        items.Add(Build(item, depth + 1));
        if (type.IsInterface)
        {
            var isSet = GenericInterface(type, typeof(ISet<>)) is not null || GenericInterface(type, typeof(IReadOnlySet<>)) is not null;
            return isSet ? Activator.CreateInstance(typeof(HashSet<>).MakeGenericType(item), items) : items;
        }

        // A concrete collection (List, HashSet, Queue...): its constructor from a sequence.
        return Activator.CreateInstance(type, items)
            ?? throw new InvalidOperationException($"no way to build the collection {type}");
    }

    private object Composite(Type type, int depth)
    {
        if (type.IsAbstract || type.IsInterface || type.IsPrimitive || type.IsPointer)
        {
            throw new InvalidOperationException($"SampleStates does not know how to build a {type}: add it");
        }

        var constructor = type.GetConstructors().SingleOrDefault(c => c.GetCustomAttribute<JsonConstructorAttribute>() is not null)
            ?? type.GetConstructor(Type.EmptyTypes)
            ?? type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
        object instance;
        var fromConstructor = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (constructor is null)
        {
            instance = Activator.CreateInstance(type)!; // a struct without constructors
        }
        else
        {
            var parameters = constructor.GetParameters();
            var arguments = parameters.Select(p => Member(p.ParameterType, _nullability.Create(p).WriteState, depth)).ToArray();
            instance = constructor.Invoke(arguments);
            fromConstructor.UnionWith(parameters.Select(p => p.Name!));
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is { IsPublic: true } && property.GetIndexParameters().Length == 0
                && !fromConstructor.Contains(property.Name) && property.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            {
                property.SetValue(instance, Member(property.PropertyType, _nullability.Create(property).WriteState, depth));
            }
        }

        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Instance).Where(f => !f.IsInitOnly))
        {
            field.SetValue(instance, Member(field.FieldType, _nullability.Create(field).WriteState, depth));
        }

        return instance;
    }

    private static Type? GenericInterface(Type type, Type definition) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == definition
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition);
}
