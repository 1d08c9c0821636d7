namespace OrleansCompute.Servers;

/// <summary>Nova's <c>_tail_log</c>: the last N lines of a console log; 0 gives nothing, a negative length everything.</summary>
internal static class ConsoleTail
{
    public static string Last(string log, int lines)
    {
        if (lines < 0)
        {
            return log;
        }

        if (lines == 0)
        {
            return "";
        }

        var all = log.Split('\n');
        return all.Length <= lines ? log : string.Join('\n', all[^lines..]);
    }
}
