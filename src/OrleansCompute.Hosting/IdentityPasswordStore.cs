using System.Security.Cryptography;
using System.Text.Json;
using OrleansCompute.Api.Identity;
using OrleansCompute.Persistence.Postgres;

namespace OrleansCompute.Hosting;

/// <summary>
/// The passwords the host generated for users that have none configured: created on first start and reused on every
/// later start. Embedded mode keeps them in <c>identity/passwords.json</c> in the data directory (readable by the owner
/// only); cluster mode in the database, where the first node to store one wins and every node reads the same.
/// </summary>
internal static class IdentityPasswordStore
{
    private const int PasswordLength = 24;
    private const string Alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static IReadOnlyDictionary<string, string> LoadOrCreate(string path, IReadOnlyDictionary<string, IdentityUserOptions> users)
    {
        var kept = File.Exists(path)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? []
            : [];
        var missing = users.Where(u => string.IsNullOrEmpty(u.Value.Password) && !kept.ContainsKey(u.Key)).Select(u => u.Key).ToList();
        if (missing.Count == 0)
        {
            return kept;
        }

        foreach (var name in missing)
        {
            kept[name] = Generate();
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(kept, Indented));
        OwnerOnly(temporary);
        File.Move(temporary, path, overwrite: true);
        return kept;
    }

    /// <summary>Cluster mode: candidates for the users without a configured password, and what the database keeps.</summary>
    public static IReadOnlyDictionary<string, string> LoadOrCreate(PostgresIdentityStore store, IReadOnlyDictionary<string, IdentityUserOptions> users)
    {
        var candidates = users.Where(u => string.IsNullOrEmpty(u.Value.Password)).ToDictionary(u => u.Key, _ => Generate(), StringComparer.Ordinal);
        return store.AddPasswords(candidates);
    }

    private static string Generate() => RandomNumberGenerator.GetString(Alphabet, PasswordLength);

    public static void OwnerOnly(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
