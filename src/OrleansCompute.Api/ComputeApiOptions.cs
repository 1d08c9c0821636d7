namespace OrleansCompute.Api;

/// <summary>Options of the Nova HTTP API (<c>Compute:Api</c>), named after Nova's own where one exists.</summary>
public sealed class ComputeApiOptions
{
    public const string SectionName = "Compute:Api";

    /// <summary>Nova's <c>[api]max_limit</c>: the largest page a list returns.</summary>
    public int MaxLimit { get; set; } = 1000;

    /// <summary>Nova's <c>[api]enable_instance_password</c>: return adminPass from create.</summary>
    public bool EnableInstancePassword { get; set; } = true;

    /// <summary>Nova's <c>password_length</c>: length of generated admin passwords.</summary>
    public int PasswordLength { get; set; } = 12;

    /// <summary>Nova's <c>[oslo_middleware]max_request_body_size</c> in bytes; larger bodies are 413.</summary>
    public int MaxRequestBodyBytes { get; set; } = 114688;
}
