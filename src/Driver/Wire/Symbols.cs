namespace McpFuzz.Driver.Wire;

/// <summary>Concrete identifiers (session ids, event ids, JSON-RPC ids) numbered in order of first
/// appearance: the first is 1 (S1, e1, #1), the same identifier always gets the same number, and 0
/// stays free for "absent", as in the model. The model stores symbols in a byte, so a table holds
/// at most 255 identifiers.</summary>
public sealed class Symbols
{
    public const int Capacity = byte.MaxValue;

    private readonly Dictionary<string, byte> _numbers = new(StringComparer.Ordinal);
    private readonly List<string> _ids = [];

    public int Count => _numbers.Count;

    /// <summary>The symbol of <paramref name="id"/>, assigning the next one on first sight; false
    /// when the id is new and the table is full.</summary>
    public bool TryGet(string id, out byte symbol)
    {
        if (_numbers.TryGetValue(id, out symbol)) return true;
        if (_numbers.Count >= Capacity) return false;
        symbol = (byte)(_numbers.Count + 1);
        _numbers.Add(id, symbol);
        _ids.Add(id);
        return true;
    }

    /// <summary>The identifier a symbol stands for, or null for 0 and symbols not handed out.</summary>
    public string? IdOf(byte symbol) => symbol >= 1 && symbol <= _ids.Count ? _ids[symbol - 1] : null;

    /// <summary>The symbol of an id seen before, or 0 without assigning one.</summary>
    public byte Find(string id) => _numbers.GetValueOrDefault(id);
}
