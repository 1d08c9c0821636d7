using OrleansCompute.Api.Identity;
using YamlDotNet.Serialization;

namespace OrleansCompute.Hosting;

/// <summary>
/// A <c>clouds.yaml</c> for os-client-config (the openstack CLI, openstacksdk, Terraform, Gophercloud): one cloud
/// per user, named <c>orleanscompute-&lt;user&gt;</c> with underscores as dashes (orleanscompute-alt-demo).
/// </summary>
internal static class CloudsYaml
{
    public static string CloudName(string userName) => "orleanscompute-" + userName.Replace('_', '-');

    public static string Render(IdentityDirectory directory, string baseUrl, string region)
    {
        var clouds = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var user in directory.Users.Where(u => u.Enabled).OrderBy(u => u.Name, StringComparer.Ordinal))
        {
            clouds[CloudName(user.Name)] = new Dictionary<string, object>
            {
                ["auth"] = new Dictionary<string, object>
                {
                    ["auth_url"] = baseUrl + "/identity/v3",
                    ["username"] = user.Name,
                    ["password"] = user.Password,
                    ["project_name"] = user.Project.Name,
                    ["user_domain_name"] = IdentityDomain.Name,
                    ["project_domain_name"] = IdentityDomain.Name,
                },
                ["region_name"] = region,
                ["interface"] = "public",
                ["identity_api_version"] = 3,
            };
        }

        var serializer = new SerializerBuilder().Build();
        return "# Written by OrleansCompute at start; the passwords are the host's (see identity/passwords.json).\n"
            + serializer.Serialize(new Dictionary<string, object> { ["clouds"] = clouds });
    }
}
