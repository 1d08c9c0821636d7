using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ProductTests;

/// <summary>
/// The product code under test: it asks Nova for servers over HTTP, and retries when Nova is briefly unavailable
/// (503), as a client of a real cloud must.
/// </summary>
public sealed class ServerProvisioner(HttpClient nova, int attempts = 3)
{
    /// <summary>Creates a server and returns its id; a 503 is tried again, up to the number of attempts.</summary>
    public async Task<string> ProvisionAsync(string name, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["server"] = new JsonObject { ["name"] = name, ["flavorRef"] = "1", ["imageRef"] = "70a599e0-31e7-49b7-b260-868f441e862b" },
        };
        for (var attempt = 1; ; attempt++)
        {
            using var response = await nova.PostAsJsonAsync("/v2.1/servers", body, cancellationToken);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < attempts)
            {
                continue;
            }

            response.EnsureSuccessStatusCode();
            var created = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
            return created!["server"]!["id"]!.GetValue<string>();
        }
    }

    /// <summary>Deletes a server.</summary>
    public async Task RetireAsync(string id, CancellationToken cancellationToken = default)
    {
        using var response = await nova.DeleteAsync($"/v2.1/servers/{id}", cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
