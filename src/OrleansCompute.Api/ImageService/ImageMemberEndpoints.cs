using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansCompute.Api.Auth;
using OrleansCompute.Catalog;
using OrleansCompute.Faults;
using OrleansCompute.Identity;
using OrleansCompute.Images;

namespace OrleansCompute.Api.ImageService;

/// <summary>
/// Glance's sharing: the owner adds and removes member projects of a <c>shared</c> image; a member answers
/// (pending, accepted, rejected) and sees only itself; an admin may do all of it.
/// </summary>
internal static class ImageMemberEndpoints
{
    public static void Map(IEndpointRouteBuilder v2)
    {
        v2.MapGet("/images/{id}/members", ListAsync);
        v2.MapPost("/images/{id}/members", AddAsync);
        v2.MapGet("/images/{id}/members/{member_id}", ShowAsync);
        v2.MapPut("/images/{id}/members/{member_id}", UpdateAsync);
        v2.MapDelete("/images/{id}/members/{member_id}", RemoveAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext context, string id, ImageLookup lookup)
    {
        var image = await ImageServiceEndpoints.ReadableAsync(lookup, context, id);
        if (image.Visibility != ImageVisibility.Shared)
        {
            throw ComputeFaultException.Forbidden("Only shared images have members.");
        }

        var caller = context.Caller();
        var members = ImageAccess.CanWrite(image, caller)
            ? image.Members
            : image.Members.Where(m => string.Equals(m.ProjectId, caller.ProjectId, StringComparison.Ordinal)).ToList();
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("members");
            foreach (var member in members)
            {
                ImageView.WriteMember(w, image.Id, member);
            }

            w.WriteEndArray();
            w.WriteString("schema", "/v2/schemas/members");
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string id, string member_id, ImageLookup lookup)
    {
        var image = await ImageServiceEndpoints.ReadableAsync(lookup, context, id);
        var caller = context.Caller();
        var member = image.MemberOf(member_id);
        if (member is null || !(ImageAccess.CanWrite(image, caller) || string.Equals(caller.ProjectId, member_id, StringComparison.Ordinal)))
        {
            throw NotAMember(image, member_id);
        }

        return Member(image.Id, member);
    }

    private static async Task<IResult> AddAsync(HttpContext context, string id, IGrainFactory grains, ComputeCatalog catalog)
    {
        var grain = ImageServiceEndpoints.Changeable(grains, catalog, id);
        var project = await ImageRequestBody.ReadMemberFieldAsync(context, "member");
        return Member(grain.GetPrimaryKeyString(), await grain.AddMemberAsync(context.Caller(), project));
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, string id, string member_id, IGrainFactory grains, ComputeCatalog catalog)
    {
        var grain = ImageServiceEndpoints.Changeable(grains, catalog, id);
        var status = await ImageRequestBody.ReadMemberFieldAsync(context, "status");
        if (!ImageMember.Statuses.Contains(status, StringComparer.Ordinal))
        {
            throw ComputeFaultException.BadRequest($"Provided object does not match schema 'member': '{(status.Length > 40 ? status[..40] : status)}' is not one of ['pending', 'accepted', 'rejected'].");
        }

        return Member(grain.GetPrimaryKeyString(), await grain.UpdateMemberAsync(context.Caller(), member_id, status));
    }

    private static async Task<IResult> RemoveAsync(HttpContext context, string id, string member_id, IGrainFactory grains, ComputeCatalog catalog)
    {
        var grain = ImageServiceEndpoints.Changeable(grains, catalog, id);
        await grain.RemoveMemberAsync(context.Caller(), member_id);
        return Results.NoContent();
    }

    private static JsonResponse Member(string imageId, ImageMember member) => new(200, w => ImageView.WriteMember(w, imageId, member));

    private static ComputeFaultException NotAMember(SnapshotImage image, string projectId) =>
        ComputeFaultException.NotFound($"{(projectId.Length > 64 ? projectId[..64] : projectId)} is not a member of image {image.Id}");
}
