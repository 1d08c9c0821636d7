namespace OrleansCompute.Consoles;

/// <summary>
/// Checks a console URL's token for whatever serves the console (the web console at <c>/console</c>): the
/// authorization it was issued with, or null when it is unknown or expired.
/// </summary>
public interface IConsoleTokenValidator
{
    Task<ConsoleAuthorization?> ValidateAsync(string token);
}
