namespace OrleansCompute.WebConsole.Endpoints;

/// <summary>
/// One read of a server's console log for the serial console's websocket: the whole log (null: nothing to show yet,
/// keep what was sent), or why the stream ends (the server is gone or no longer visible).
/// </summary>
internal sealed record ConsoleLogRead(string? Output, string? Ended);
