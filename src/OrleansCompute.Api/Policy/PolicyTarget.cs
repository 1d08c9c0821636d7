namespace OrleansCompute.Api.Policy;

/// <summary>
/// What a request acts on, as oslo.policy's target dictionary: the owning project and user of the resource.
/// Nova checks server rules with the server's project and user.
/// </summary>
public sealed record PolicyTarget(string? ProjectId, string? UserId)
{
    public string? this[string key] => key switch
    {
        "project_id" or "tenant_id" => ProjectId,
        "user_id" => UserId,
        _ => null,
    };
}
