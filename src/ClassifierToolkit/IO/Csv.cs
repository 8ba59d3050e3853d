using System.Text;

namespace ClassifierToolkit.IO;

/// <summary>RFC 4180 CSV, both ways: the toolkit's CSV files (leaderboards, predictions) are written and read here.</summary>
internal static class Csv
{
    /// <summary>A field, quoted when it holds a comma, a quote, a line break or edge spaces (quotes doubled).</summary>
    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value != value.Trim() ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    /// <summary>One record: the fields, quoted where needed, joined by commas, ended by a line feed.</summary>
    public static void AppendRecord(StringBuilder s, IEnumerable<string> fields) => s.AppendJoin(',', fields.Select(Field)).Append('\n');

    /// <summary>The records of <paramref name="reader"/>: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    /// <exception cref="InvalidDataException">A quoted field is not closed.</exception>
    public static IEnumerable<IReadOnlyList<string>> ReadRecords(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false, any = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            any = true;
            if (quoted)
            {
                if (c != '"') field.Append((char)c);
                else if (reader.Peek() == '"') field.Append((char)reader.Read());
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',') fields.Add(Take(field));
            else if (c == '\r' && reader.Peek() == '\n') continue;
            else if (c == '\n')
            {
                fields.Add(Take(field));
                yield return fields;
                fields = [];
                any = false;
            }
            else field.Append((char)c);
        }
        if (quoted) throw new InvalidDataException("The CSV ends inside a quoted field: the file is cut short.");
        if (any)
        {
            fields.Add(Take(field));
            yield return fields;
        }
    }

    private static string Take(StringBuilder field)
    {
        var value = field.ToString();
        field.Clear();
        return value;
    }
}
