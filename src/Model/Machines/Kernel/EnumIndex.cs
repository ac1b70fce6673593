using System.Runtime.CompilerServices;

namespace McpFuzz.Model.Machines.Kernel;

/// <summary>Numbers the distinct values of an enum 0..Count-1 (in <see cref="Enum.GetValues{TEnum}"/>
/// order) and maps a value back to its number without boxing, so the transition table can be a
/// flat array indexed by state and trigger. Values the enum does not define map to -1.</summary>
internal sealed class EnumIndex<TEnum> where TEnum : struct, Enum
{
    // Values spanning at most this many integers get a direct lookup array (the common case:
    // small byte or int enums numbered from zero). Wider spans, such as flag-like or sparse int
    // values, use a dictionary, which is slower but still does not allocate on lookup.
    private const long MaxDenseSpan = 4096;

    private readonly TEnum[] _values;
    private readonly long _min;
    private readonly int[]? _dense;                 // index + 1 at [raw - _min]; 0 = undefined value
    private readonly Dictionary<long, int>? _sparse;

    public EnumIndex()
    {
        int size = Unsafe.SizeOf<TEnum>();
        if (size is not (1 or 2 or 4 or 8))
            throw new NotSupportedException($"{typeof(TEnum).Name} has an underlying type of {size} bytes");

        // Aliases (two names for one value) are one state or trigger; the first name stands for it.
        _values = Enum.GetValues<TEnum>().DistinctBy(Raw).ToArray();
        if (_values.Length == 0) return;

        long min = long.MaxValue, max = long.MinValue;
        foreach (var value in _values)
        {
            long raw = Raw(value);
            min = Math.Min(min, raw);
            max = Math.Max(max, raw);
        }

        _min = min;
        // max - min can overflow for long enums spanning both signs; unsigned comparison handles it.
        if ((ulong)(max - min) < MaxDenseSpan)
        {
            _dense = new int[max - min + 1];
            for (int i = 0; i < _values.Length; i++) _dense[Raw(_values[i]) - min] = i + 1;
        }
        else
        {
            _sparse = new Dictionary<long, int>(_values.Length);
            for (int i = 0; i < _values.Length; i++) _sparse.Add(Raw(_values[i]), i);
        }
    }

    public int Count => _values.Length;

    public TEnum this[int index] => _values[index];

    public IReadOnlyList<TEnum> Values => _values;

    public int IndexOf(TEnum value)
    {
        long raw = Raw(value);
        if (_dense is not null)
        {
            // One unsigned comparison rejects values below and above the span alike.
            ulong offset = unchecked((ulong)(raw - _min));
            return offset < (ulong)_dense.Length ? _dense[offset] - 1 : -1;
        }

        return _sparse is not null && _sparse.TryGetValue(raw, out int index) ? index : -1;
    }

    /// <summary>The underlying integer, sign-extended. <see cref="Unsafe.SizeOf{T}"/> is a constant
    /// for each enum type, so the JIT keeps a single branch of the switch.</summary>
    private static long Raw(TEnum value) => Unsafe.SizeOf<TEnum>() switch
    {
        1 => Unsafe.As<TEnum, sbyte>(ref value),
        2 => Unsafe.As<TEnum, short>(ref value),
        4 => Unsafe.As<TEnum, int>(ref value),
        _ => Unsafe.As<TEnum, long>(ref value),
    };
}
