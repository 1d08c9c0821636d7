using System.Data;
using System.Data.Common;
using System.Globalization;

namespace OrleansCompute.Persistence.Index;

/// <summary>Adds parameters to any ADO.NET command: names keep their <c>@</c>, which both drivers accept.</summary>
internal static class CommandParameters
{
    public static DbParameter Add(DbCommand command, string name, object? value, DbType? type = null)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        if (type is { } dbType)
        {
            // A NULL carries no type of its own; PostgreSQL needs one for the column it fills.
            parameter.DbType = dbType;
        }

        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>One parameter per value (<c>@name_0</c>, <c>@name_1</c>, ...); returns their names, comma-separated.</summary>
    public static string AddEach(DbCommand command, string name, IReadOnlyList<string> values)
    {
        var names = new string[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            names[i] = "@" + name + "_" + i.ToString(CultureInfo.InvariantCulture);
            Add(command, names[i], values[i]);
        }

        return string.Join(", ", names);
    }
}
