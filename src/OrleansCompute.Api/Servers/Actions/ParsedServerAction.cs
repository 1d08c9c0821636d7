using OrleansCompute.Servers.Actions;

namespace OrleansCompute.Api.Servers.Actions;

/// <summary>
/// A validated action body: the grain command, plus what only the HTTP answer needs (a password the caller
/// gave, a backup's rotation, a console length). <see cref="Command"/> is null for os-getConsoleOutput, a read.
/// </summary>
internal sealed record ParsedServerAction(string Name, ServerActionCommand? Command)
{
    /// <summary>rescue / rebuild: the password the caller asked for, if any.</summary>
    public string? AdminPass { get; init; }

    /// <summary>evacuate below 2.14: the disks are kept (no password is generated).</summary>
    public bool OnSharedStorage { get; init; }

    /// <summary>createBackup: how many backups to keep.</summary>
    public int Rotation { get; init; }

    /// <summary>os-getConsoleOutput: the number of lines asked for (null: all).</summary>
    public int? ConsoleLength { get; init; }

    /// <summary>os-getVNCConsole and the other legacy console actions: the console type asked for.</summary>
    public string? ConsoleType { get; init; }
}
