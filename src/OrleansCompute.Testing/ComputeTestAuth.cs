namespace OrleansCompute.Testing;

/// <summary>How the test endpoint authenticates its callers.</summary>
public enum ComputeTestAuth
{
    /// <summary>Nova's noauth2: the token is <c>user:project</c> and the user <c>admin</c> is an admin.</summary>
    NoAuth,

    /// <summary>
    /// The built-in Keystone v3 subset issues tokens, as in production; with <see cref="ComputeTestTransport.Loopback"/>
    /// the endpoint writes a <c>clouds.yaml</c> for the openstack CLI and openstacksdk.
    /// </summary>
    Identity,
}
