using System.Collections;

namespace McpFuzz.Model.Wire.Http;

/// <summary>An immutable list with structural equality. Parsers return it behind
/// <see cref="IReadOnlyList{T}"/> so that the records holding it compare and hash by content:
/// a record's synthesized equality calls <see cref="object.Equals(object)"/> on its members.</summary>
internal sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    public static ValueList<T> Empty { get; } = new([]);

    private readonly T[] _items;

    private ValueList(T[] items) => _items = items;

    public static ValueList<T> From(List<T> items) => items.Count == 0 ? Empty : new(items.ToArray());

    public int Count => _items.Length;

    public T this[int index] => _items[index];

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    public bool Equals(ValueList<T>? other) =>
        other is not null && _items.AsSpan().SequenceEqual(other._items, EqualityComparer<T>.Default);

    public override bool Equals(object? obj) => obj is ValueList<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (T item in _items) hash.Add(item);
        return hash.ToHashCode();
    }

    public override string ToString() => "[" + string.Join(", ", _items) + "]";
}
