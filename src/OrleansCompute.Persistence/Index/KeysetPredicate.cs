using System.Data.Common;
using System.Globalization;

namespace OrleansCompute.Persistence.Index;

/// <summary>
/// "Rows strictly after the marker row in this order", as a WHERE predicate over the marker's sort values. It must
/// agree with <see cref="ServerOrderTerm.Sql"/> exactly, NULLs included (first when ascending, last when
/// descending), or a page walk would skip or repeat rows. Because the order ends in the unique id, "after" is
/// strict and total.
/// </summary>
internal static class KeysetPredicate
{
    public static string Build(IReadOnlyList<ServerOrderTerm> order, IReadOnlyList<object?> markerValues, DbCommand command)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(markerValues.Count, order.Count);

        var names = new string[order.Count];
        for (var i = 0; i < order.Count; i++)
        {
            names[i] = "@marker_" + i.ToString(CultureInfo.InvariantCulture);
            if (markerValues[i] is { } value)
            {
                // NULL marker values are never compared (the predicate says IS NULL instead), so they get no parameter.
                CommandParameters.Add(command, names[i], value);
            }
        }

        // The common case (the default created_at, id order) as one row-value comparison, which both databases turn
        // into an index range. Only valid without NULLs: a NULL in a row value makes the comparison NULL, not "after".
        if (order.All(term => !term.Column.Nullable && term.Descending == order[0].Descending))
        {
            var columns = string.Join(", ", order.Select(term => term.Column.Column));
            return $"({columns}) {(order[0].Descending ? "<" : ">")} ({string.Join(", ", names)})";
        }

        // Otherwise the textbook expansion: equal on the first i keys and after on key i, for each i.
        var disjuncts = new List<string>();
        for (var i = 0; i < order.Count; i++)
        {
            var after = After(order[i], markerValues[i], names[i]);
            if (after is null)
            {
                continue;
            }

            var conjuncts = Enumerable.Range(0, i).Select(j => EqualTo(order[j].Column, markerValues[j], names[j])).Append(after);
            disjuncts.Add("(" + string.Join(" AND ", conjuncts) + ")");
        }

        return disjuncts.Count == 0 ? "FALSE" : "(" + string.Join(" OR ", disjuncts) + ")";
    }

    private static string EqualTo(ServerSortColumn column, object? value, string name) =>
        value is null ? $"{column.Column} IS NULL" : $"{column.Column} = {name}";

    private static string? After(ServerOrderTerm term, object? value, string name)
    {
        var column = term.Column.Column;
        if (!term.Descending)
        {
            // Ascending, NULLs first: after a NULL come all non-NULLs; after a value, the greater ones.
            return value is null ? $"{column} IS NOT NULL" : $"{column} > {name}";
        }

        // Descending, NULLs last: nothing comes after a NULL; after a value, the smaller ones and then the NULLs.
        if (value is null)
        {
            return null;
        }

        return term.Column.Nullable ? $"({column} < {name} OR {column} IS NULL)" : $"{column} < {name}";
    }
}
