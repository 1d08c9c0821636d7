using System.Collections;

namespace OrleansCompute.Api.Telemetry;

/// <summary>The logging scope added once a request's caller is known: <c>ProjectId</c> and <c>UserId</c>.</summary>
internal sealed class CallerLogScope(string projectId, string userId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public const string ProjectIdKey = "ProjectId";
    public const string UserIdKey = "UserId";

    public int Count => 2;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new(ProjectIdKey, projectId),
        1 => new(UserIdKey, userId),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
        yield return this[1];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"ProjectId:{projectId} UserId:{userId}";
}
