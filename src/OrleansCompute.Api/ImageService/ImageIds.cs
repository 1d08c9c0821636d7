namespace OrleansCompute.Api.ImageService;

/// <summary>Image ids on the wire: a uuid in any spelling names the grain of its lower-case form; anything else names nothing.</summary>
internal static class ImageIds
{
    public static bool TryKey(string id, out string key)
    {
        if (id.Length <= 64 && Guid.TryParse(id, out var uuid))
        {
            key = uuid.ToString();
            return true;
        }

        key = "";
        return false;
    }
}
