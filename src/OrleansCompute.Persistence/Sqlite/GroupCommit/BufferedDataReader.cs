using System.Collections;
using System.Data.Common;
using System.Globalization;

namespace OrleansCompute.Persistence.Sqlite.GroupCommit;

/// <summary>
/// Reads a <see cref="BufferedResult"/> after its batch committed. Values are the driver's own (SQLite's long,
/// double, string, byte[], DBNull); the typed getters convert as Microsoft.Data.Sqlite's reader does, so callers
/// (Orleans' providers, the index) read the same values they would from a live reader.
/// </summary>
internal sealed class BufferedDataReader(BufferedResult result) : DbDataReader
{
    private int _set;
    private int _row = -1;
    private bool _closed;

    private BufferedResultSet? Current => _set < result.ResultSets.Count ? result.ResultSets[_set] : null;

    private object[] Row => _row >= 0 && Current is { } set && _row < set.Rows.Count
        ? set.Rows[_row]
        : throw new InvalidOperationException("No current row.");

    public override int Depth => 0;

    public override int FieldCount => Current?.Names.Length ?? 0;

    public override bool HasRows => Current is { Rows.Count: > 0 };

    public override bool IsClosed => _closed;

    public override int RecordsAffected => result.RecordsAffected;

    public override object this[int ordinal] => GetValue(ordinal);

    public override object this[string name] => GetValue(GetOrdinal(name));

    public override bool Read() => Current is { } set && ++_row < set.Rows.Count;

    public override bool NextResult()
    {
        _row = -1;
        return ++_set < result.ResultSets.Count;
    }

    public override void Close() => _closed = true;

    public override string GetName(int ordinal) => Current!.Names[ordinal];

    public override int GetOrdinal(string name)
    {
        var names = Current?.Names ?? [];
        var exact = Array.IndexOf(names, name);
        if (exact >= 0)
        {
            return exact;
        }

        var folded = Array.FindIndex(names, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        return folded >= 0 ? folded : throw new ArgumentOutOfRangeException(nameof(name), name, "No such column.");
    }

    public override Type GetFieldType(int ordinal) => Current!.Types[ordinal];

    public override string GetDataTypeName(int ordinal) => GetFieldType(ordinal).Name;

    public override object GetValue(int ordinal) => Row[ordinal];

    public override int GetValues(object[] values)
    {
        var row = Row;
        var count = Math.Min(values.Length, row.Length);
        Array.Copy(row, values, count);
        return count;
    }

    public override bool IsDBNull(int ordinal) => Row[ordinal] is DBNull;

    public override bool GetBoolean(int ordinal) => Convert.ToBoolean(Row[ordinal], CultureInfo.InvariantCulture);

    public override byte GetByte(int ordinal) => Convert.ToByte(Row[ordinal], CultureInfo.InvariantCulture);

    public override char GetChar(int ordinal) => Row[ordinal] is string { Length: > 0 } text ? text[0] : Convert.ToChar(Row[ordinal], CultureInfo.InvariantCulture);

    public override short GetInt16(int ordinal) => Convert.ToInt16(Row[ordinal], CultureInfo.InvariantCulture);

    public override int GetInt32(int ordinal) => Convert.ToInt32(Row[ordinal], CultureInfo.InvariantCulture);

    public override long GetInt64(int ordinal) => Convert.ToInt64(Row[ordinal], CultureInfo.InvariantCulture);

    public override float GetFloat(int ordinal) => Convert.ToSingle(Row[ordinal], CultureInfo.InvariantCulture);

    public override double GetDouble(int ordinal) => Convert.ToDouble(Row[ordinal], CultureInfo.InvariantCulture);

    public override decimal GetDecimal(int ordinal) => Row[ordinal] is string text
        ? decimal.Parse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture)
        : Convert.ToDecimal(Row[ordinal], CultureInfo.InvariantCulture);

    public override string GetString(int ordinal) => Row[ordinal] is byte[] bytes
        ? System.Text.Encoding.UTF8.GetString(bytes)
        : Convert.ToString(Row[ordinal], CultureInfo.InvariantCulture)!;

    public override DateTime GetDateTime(int ordinal) => Row[ordinal] switch
    {
        string text => DateTime.Parse(text, CultureInfo.InvariantCulture),
        DateTime value => value,
        var other => DateTime.FromOADate(Convert.ToDouble(other, CultureInfo.InvariantCulture) - 2415018.5),
    };

    public override Guid GetGuid(int ordinal) => Row[ordinal] switch
    {
        string text => Guid.Parse(text),
        byte[] { Length: 16 } bytes => new Guid(bytes),
        var other => (Guid)other,
    };

    public override T GetFieldValue<T>(int ordinal)
    {
        var value = Row[ordinal];
        return value switch
        {
            T typed => typed,
            DBNull when default(T) is null => default!,
            _ when typeof(T) == typeof(Guid) => (T)(object)GetGuid(ordinal),
            _ when typeof(T) == typeof(DateTime) => (T)(object)GetDateTime(ordinal),
            _ => (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), CultureInfo.InvariantCulture),
        };
    }

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length)
    {
        var bytes = (byte[])Row[ordinal];
        if (buffer is null)
        {
            return bytes.Length;
        }

        var count = (int)Math.Max(0, Math.Min(length, bytes.Length - dataOffset));
        Array.Copy(bytes, dataOffset, buffer, bufferOffset, count);
        return count;
    }

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length)
    {
        var text = GetString(ordinal);
        if (buffer is null)
        {
            return text.Length;
        }

        var count = (int)Math.Max(0, Math.Min(length, text.Length - dataOffset));
        text.CopyTo((int)dataOffset, buffer, bufferOffset, count);
        return count;
    }

    public override IEnumerator GetEnumerator() => new DbEnumerator(this, closeReader: false);
}
