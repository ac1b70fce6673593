using System.Collections;
using System.Text;

namespace McpFuzz.Model.Wire.Http;

/// <summary>The header section of one message: an immutable, ordered list of fields, repeats
/// allowed. Lookups by name are case-insensitive (RFC 9110 §5.1); equality and hashing are
/// structural and exact (name spelling, value and order all count), because the list records what
/// is on the wire and a fuzzer must tell <c>Mcp-Session-Id</c> from <c>MCP-Session-Id</c>.</summary>
public sealed record HeaderList : IReadOnlyList<HeaderField>
{
    public static HeaderList Empty { get; } = new HeaderList([]);

    private readonly HeaderField[] _fields;

    private HeaderList(HeaderField[] fields) => _fields = fields;

    /// <summary>A list of the given fields, in order.</summary>
    public static HeaderList From(IEnumerable<HeaderField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var array = fields.ToArray();
        foreach (var field in array) CheckField(field.Name, field.Value);
        return array.Length == 0 ? Empty : new HeaderList(array);
    }

    /// <summary>A list of the given (name, value) pairs, in order.</summary>
    public static HeaderList Of(params (string Name, string Value)[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return From(fields.Select(f => new HeaderField(f.Name, f.Value)));
    }

    public int Count => _fields.Length;

    public HeaderField this[int index] => _fields[index];

    /// <summary>The value of the first field named <paramref name="name"/>, or null.</summary>
    public string? Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var field in _fields)
        {
            if (HeaderNames.Equal(field.Name, name)) return field.Value;
        }

        return null;
    }

    /// <summary>The values of every field named <paramref name="name"/>, in order.</summary>
    public IReadOnlyList<string> GetAll(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var values = new List<string>();
        foreach (var field in _fields)
        {
            if (HeaderNames.Equal(field.Name, name)) values.Add(field.Value);
        }

        return ValueList<string>.From(values);
    }

    public bool Contains(string name) => Get(name) is not null;

    /// <summary>Sets a field: the result has exactly one field named <paramref name="name"/>, with
    /// <paramref name="value"/>, at the position of the first existing one (or appended).</summary>
    public HeaderList With(string name, string value)
    {
        CheckField(name, value);
        var result = new List<HeaderField>(_fields.Length + 1);
        bool placed = false;
        foreach (var field in _fields)
        {
            if (!HeaderNames.Equal(field.Name, name))
            {
                result.Add(field);
            }
            else if (!placed)
            {
                result.Add(new HeaderField(name, value));
                placed = true;
            }
        }

        if (!placed) result.Add(new HeaderField(name, value));
        return new HeaderList(result.ToArray());
    }

    /// <summary>Appends a field, keeping any existing ones of the same name (a repeated field,
    /// RFC 9110 §5.3).</summary>
    public HeaderList Add(string name, string value)
    {
        CheckField(name, value);
        var result = new HeaderField[_fields.Length + 1];
        _fields.CopyTo(result, 0);
        result[^1] = new HeaderField(name, value);
        return new HeaderList(result);
    }

    /// <summary>Removes every field named <paramref name="name"/>.</summary>
    public HeaderList Without(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var result = _fields.Where(f => !HeaderNames.Equal(f.Name, name)).ToArray();
        if (result.Length == _fields.Length) return this;
        return result.Length == 0 ? Empty : new HeaderList(result);
    }

    public IEnumerator<HeaderField> GetEnumerator() => ((IEnumerable<HeaderField>)_fields).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(HeaderList? other) =>
        other is not null && _fields.AsSpan().SequenceEqual(other._fields);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var field in _fields)
        {
            hash.Add(field.Name, StringComparer.Ordinal);
            hash.Add(field.Value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(string.Join(", ", _fields));
        return true;
    }

    private static void CheckField(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
    }
}
