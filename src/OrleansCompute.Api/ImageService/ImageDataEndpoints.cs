using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansCompute.Api.Auth;
using OrleansCompute.Catalog;
using OrleansCompute.Faults;
using OrleansCompute.Identity;
using OrleansCompute.Images;

namespace OrleansCompute.Api.ImageService;

/// <summary>
/// Image data: <c>PUT /file</c> streams the body into the <see cref="IImageDataStore"/> (queued → saving → active,
/// with size, MD5 checksum and SHA-512 multihash; back to queued when it fails), <c>GET /file</c> streams it back
/// (204 when there is none). The image grain only records the upload's start and its result: the bytes never pass
/// through a grain.
/// </summary>
internal static class ImageDataEndpoints
{
    private const string OctetStream = "application/octet-stream";

    public static void Map(IEndpointRouteBuilder v2)
    {
        v2.MapPut("/images/{id}/file", UploadAsync);
        v2.MapGet("/images/{id}/file", DownloadAsync);
    }

    private static Task<IResult> UploadAsync(
        HttpContext context, string id, IGrainFactory grains, ComputeCatalog catalog, IOptions<ImageServiceOptions> options) =>
        ReceiveAsync(context, ImageServiceEndpoints.Changeable(grains, catalog, id), options.Value, (grain, caller) => grain.BeginUploadAsync(caller));

    /// <summary>
    /// Streams the request body into the store for an upload (<c>PUT /file</c>) or a stage (<c>PUT /stage</c>), which
    /// <paramref name="begin"/> starts on the grain: measured on the way (size, MD5, SHA-512, the cap), then recorded
    /// by the grain; on any failure the image goes back to queued and the partial data goes.
    /// </summary>
    public static async Task<IResult> ReceiveAsync(
        HttpContext context, IImageGrain grain, ImageServiceOptions options, Func<IImageGrain, CallerContext, Task<string>> begin)
    {
        var request = context.Request;
        var data = Store(context);
        if (!string.Equals(request.ContentType?.Split(';', 2)[0].Trim(), OctetStream, StringComparison.OrdinalIgnoreCase))
        {
            throw new ComputeFaultException(415, $"Unsupported Content-Type; image data is sent as {OctetStream}.");
        }

        var cap = options.ImageSizeCap;
        if (request.ContentLength > cap)
        {
            throw new ComputeFaultException(413, $"Image exceeds the storage quota or the size cap of {cap} bytes.");
        }

        var declaredSize = DeclaredSize(request);
        // The cap is ours to enforce (Glance's image_size_cap), not the server's default request body limit.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        var imageId = grain.GetPrimaryKeyString();
        var uploadId = await begin(grain, context.Caller());
        ImageUpload upload;
        try
        {
            using var measured = new ImageDataHashStream(request.Body, cap);
            await data.WriteAsync(imageId, measured, context.RequestAborted);
            if (declaredSize is { } size && size != measured.BytesRead)
            {
                throw ComputeFaultException.BadRequest($"Image size {measured.BytesRead} does not match the x-openstack-image-size header {size}.");
            }

            upload = new ImageUpload
            {
                SizeBytes = measured.BytesRead,
                Md5 = measured.Md5Hex(),
                HashAlgorithm = ImageServiceOptions.HashAlgorithm,
                HashValue = measured.Sha512Hex(),
            };
        }
        catch (Exception failure)
        {
            await UndoAsync(grain, data, imageId, uploadId);
            if (failure is ImageTooLargeException)
            {
                throw new ComputeFaultException(413, failure.Message);
            }

            throw;
        }

        if (!await grain.CompleteUploadAsync(uploadId, upload))
        {
            // Deleted (or reset) while its data came in: the data has no image any more.
            await data.DeleteAsync(imageId, CancellationToken.None);
            throw ComputeFaultException.Conflict($"Image {imageId} could not be found after upload. The image may have been deleted during the upload.");
        }

        return Results.NoContent();
    }

    private static async Task<IResult> DownloadAsync(HttpContext context, string id, ImageLookup lookup)
    {
        var data = Store(context);
        var image = await ImageServiceEndpoints.ReadableAsync(lookup, context, id);
        if (image.Status == SnapshotImage.Deactivated && !context.Caller().IsAdmin)
        {
            throw ComputeFaultException.Forbidden("The requested image has been deactivated. Image data download is forbidden.");
        }

        if (!image.HasData || await data.OpenAsync(image.Id, context.RequestAborted) is not { } stored)
        {
            return Results.NoContent();
        }

        await using (stored.Stream)
        {
            var response = context.Response;
            ImageDataRange? range;
            try
            {
                range = ImageDataRange.Parse(context.Request.Headers.Range is { Count: > 0 } header ? header.ToString() : null, stored.Length);
            }
            catch (ComputeFaultException)
            {
                response.Headers.ContentRange = $"bytes */{stored.Length}";
                throw;
            }

            response.ContentType = OctetStream;
            if (range is { } part)
            {
                // A part carries no Content-MD5: the checksum is the whole image's.
                response.StatusCode = 206;
                response.Headers.ContentRange = $"bytes {part.Offset}-{part.Last}/{stored.Length}";
                response.ContentLength = part.Length;
                stored.Stream.Seek(part.Offset, SeekOrigin.Begin);
                await CopyAsync(stored.Stream, response.Body, part.Length, context.RequestAborted);
                return Results.Empty;
            }

            response.StatusCode = 200;
            response.ContentLength = stored.Length;
            if (image.Checksum is { } checksum)
            {
                response.Headers["Content-MD5"] = checksum;
            }

            await stored.Stream.CopyToAsync(response.Body, context.RequestAborted);
        }

        return Results.Empty;
    }

    /// <summary>Exactly <paramref name="count"/> bytes of <paramref name="source"/>, a buffer at a time.</summary>
    private static async Task CopyAsync(Stream source, Stream target, long count, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        while (count > 0)
        {
            var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), cancellationToken);
            if (read == 0)
            {
                throw new IOException("Image data ended before its stored length.");
            }

            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            count -= read;
        }
    }

    /// <summary>
    /// The data store, resolved per request rather than bound as a parameter: a host that registers none (a product
    /// mapping the API over its own silo) still builds every endpoint, and only data requests need one.
    /// </summary>
    public static IImageDataStore Store(HttpContext context) => context.RequestServices.GetRequiredService<IImageDataStore>();

    /// <summary>The upload failed: the image goes back to queued and its partial data goes, whatever the client did.</summary>
    private static async Task UndoAsync(IImageGrain grain, IImageDataStore data, string imageId, string uploadId)
    {
        await grain.AbortUploadAsync(uploadId);
        await data.DeleteAsync(imageId, CancellationToken.None);
    }

    private static long? DeclaredSize(HttpRequest request)
    {
        if (!request.Headers.TryGetValue("x-openstack-image-size", out var header))
        {
            return null;
        }

        return long.TryParse(header[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            ? size
            : throw ComputeFaultException.BadRequest("x-openstack-image-size must be a whole number of bytes.");
    }
}
