using Microsoft.AspNetCore.Http;
using OrleansCompute.Api.Auth;
using OrleansCompute.Faults;
using OrleansCompute.Identity;

namespace OrleansCompute.Api.Volume;

/// <summary>What every block storage handler needs: the caller, the negotiated microversion, and Cinder's policy checks.</summary>
internal sealed class VolumeRequest(HttpContext context, VolumeApiVersion version)
{
    private static readonly object Key = new();

    public HttpContext Context { get; } = context;

    public VolumeApiVersion Version { get; } = version;

    public CallerContext Caller => Context.Caller();

    /// <summary>The base of this request's links: with the project segment only when the request URL had it, as Cinder.</summary>
    public string BaseUrl
    {
        get
        {
            var request = Context.Request;
            var project = request.RouteValues.TryGetValue("project_id", out var value) && value is string id ? "/" + id : "";
            return $"{request.Scheme}://{request.Host}{request.PathBase}{VolumePaths.V3}{project}";
        }
    }

    /// <summary>The negotiated request (set by <see cref="VolumeVersionFilter"/>).</summary>
    public static VolumeRequest Of(HttpContext context) =>
        context.Items[Key] as VolumeRequest ?? throw new InvalidOperationException("The volume version filter did not run.");

    public static void Set(HttpContext context, VolumeRequest request) => context.Items[Key] = request;

    /// <summary>Cinder's member rules (create, update, delete, attach): the member or admin role.</summary>
    public void RequireMember(string rule)
    {
        if (!HasRole("admin") && !HasRole("member"))
        {
            throw PolicyDenied(rule);
        }
    }

    /// <summary>Cinder's admin rules (reset status, force delete, quota updates).</summary>
    public void RequireAdmin(string rule)
    {
        if (!Caller.IsAdmin)
        {
            throw PolicyDenied(rule);
        }
    }

    private bool HasRole(string role) => Caller.Roles.Contains(role, StringComparer.OrdinalIgnoreCase);

    private static ComputeFaultException PolicyDenied(string rule) => ComputeFaultException.Forbidden($"Policy doesn't allow {rule} to be performed.");
}
