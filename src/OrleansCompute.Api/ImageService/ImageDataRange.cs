using System.Globalization;
using OrleansCompute.Faults;

namespace OrleansCompute.Api.ImageService;

/// <summary>
/// The one byte range of a ranged download (<c>Range: bytes=a-b</c>, <c>bytes=a-</c> or the suffix <c>bytes=-n</c>),
/// as Glance reads it through webob: the end is clipped to the data, a suffix longer than the data is all of it, and
/// a header that is malformed, names several ranges or starts past the end is 416.
/// </summary>
internal readonly record struct ImageDataRange(long Offset, long Length)
{
    public long Last => Offset + Length - 1;

    /// <summary>The range asked for of <paramref name="size"/> bytes; null when the request has no Range header.</summary>
    public static ImageDataRange? Parse(string? header, long size)
    {
        if (header is null)
        {
            return null;
        }

        var spec = header.Trim();
        if (!spec.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase) || spec.Contains(',', StringComparison.Ordinal))
        {
            throw Unsatisfiable("Invalid Range header.");
        }

        var bounds = spec["bytes=".Length..].Split('-', 2);
        if (bounds.Length != 2)
        {
            throw Unsatisfiable("Invalid Range header.");
        }

        var first = Number(bounds[0]);
        var last = Number(bounds[1]);
        if (first is null)
        {
            // A suffix: the last n bytes (all of them when n is larger).
            return last is > 0 && size > 0
                ? new ImageDataRange(Math.Max(0, size - last.Value), Math.Min(last.Value, size))
                : throw Unsatisfiable("Requested range not satisfiable");
        }

        if (last < first || first >= size)
        {
            throw Unsatisfiable("Requested range not satisfiable");
        }

        var end = Math.Min(last ?? size - 1, size - 1);
        return new ImageDataRange(first.Value, end - first.Value + 1);
    }

    private static long? Number(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Unsatisfiable("Invalid Range header.");
    }

    private static ComputeFaultException Unsatisfiable(string message) => new(416, message);
}
