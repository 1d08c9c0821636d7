using System.Text.Encodings.Web;
using System.Text.Json;

namespace OrleansCompute.Api;

/// <summary>
/// How responses are encoded: without escaping '+', '&lt;' or '&amp;' (as Python's json module writes them),
/// so hrefs and media types read exactly as Nova's.
/// </summary>
internal static class JsonWriterSettings
{
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
