using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace McpFuzz.Model.Wire.JsonRpc;

/// <summary>Why a payload is not JSON (RFC 8259).</summary>
public enum JsonSyntaxError : byte
{
    None,
    UnexpectedEnd,
    UnexpectedByte,
    InvalidString,
    InvalidNumber,
    InvalidLiteral,
    TooDeep,
}

/// <summary>
/// A forward-only, validating cursor over UTF-8 JSON that skips values without tokenizing them
/// for anyone: strings are crossed 32 bytes at a time looking for the next quote, backslash or
/// control byte (RFC 8259 forbids raw control bytes in strings), containers with an explicit
/// stack of one bit per level. It accepts exactly RFC 8259 JSON, as
/// <see cref="System.Text.Json.Utf8JsonReader"/> does with default options (a property test holds
/// the two to the same verdicts), and reports the first fault and its offset instead of throwing.
/// </summary>
/// <remarks>The scanning itself is in static methods over a local position, which the JIT keeps
/// in a register; this struct only carries the position between the classifier's steps.</remarks>
internal ref struct JsonCursor
{
    private readonly ReadOnlySpan<byte> _json;
    private readonly int _maxDepth;
    private JsonSyntaxError _error;
    private int _errorOffset;
    private bool _sawNonAscii;

    public JsonCursor(ReadOnlySpan<byte> json, int maxDepth)
    {
        _json = json;
        _maxDepth = maxDepth;
    }

    public int Position;

    public readonly JsonSyntaxError Error => _error;

    public readonly int ErrorOffset => _errorOffset;

    /// <summary>A string crossed so far held a byte of 0x80 or more. Outside strings such a byte
    /// is a syntax error, so a payload without any is ASCII and needs no UTF-8 validation.</summary>
    public readonly bool SawNonAscii => _sawNonAscii;

    public readonly bool AtEnd => Position >= _json.Length;

    /// <summary>The byte at the cursor, or 0 at the end (0 is never valid where a byte is expected).</summary>
    public readonly byte Current => Position < _json.Length ? _json[Position] : (byte)0;

    public void SkipWhitespace() => Position = Whitespace(_json, Position);

    /// <summary>Consumes <paramref name="expected"/> after optional whitespace.</summary>
    public bool Expect(byte expected)
    {
        SkipWhitespace();
        if (Current == expected)
        {
            Position++;
            return true;
        }

        return Fail(AtEnd ? JsonSyntaxError.UnexpectedEnd : JsonSyntaxError.UnexpectedByte);
    }

    /// <summary>Checks that opening one more container inside <paramref name="depth"/> open ones stays within the limit.</summary>
    public bool Enter(int depth) => depth < _maxDepth || Fail(JsonSyntaxError.TooDeep);

    public bool Fail(JsonSyntaxError error) => Fail(error, Position);

    /// <summary>Enters the object or array at the cursor (inside <paramref name="depth"/> open containers);
    /// <paramref name="empty"/> when it closes at once with <paramref name="close"/>.</summary>
    public bool Open(byte close, int depth, out bool empty)
    {
        empty = false;
        if (!Enter(depth)) return false;
        Position++;
        SkipWhitespace();
        empty = Current == close;
        if (empty) Position++;
        return true;
    }

    /// <summary>Reads <c>"name" :</c>; <paramref name="name"/> is the name token, quotes included.</summary>
    public bool ReadName(out ByteRange name, out bool escaped)
    {
        name = ByteRange.None;
        escaped = false;
        SkipWhitespace();
        if (Current != '"') return Fail(AtEnd ? JsonSyntaxError.UnexpectedEnd : JsonSyntaxError.UnexpectedByte);
        int start = Position;
        if (!SkipString(out escaped)) return false;
        name = new ByteRange(start, Position - start);
        return Expect((byte)':');
    }

    /// <summary>After a member or element: consumes a comma (<paramref name="more"/>) or the
    /// container's <paramref name="close"/>; anything else is a fault.</summary>
    public bool Next(byte close, out bool more)
    {
        SkipWhitespace();
        more = Current == ',';
        if (more || Current == close)
        {
            Position++;
            return true;
        }

        return Fail(AtEnd ? JsonSyntaxError.UnexpectedEnd : JsonSyntaxError.UnexpectedByte);
    }

    /// <summary>Skips a string whose opening quote is at the cursor; says whether it held escapes.</summary>
    public bool SkipString(out bool escaped)
    {
        int end = String(_json, Position, out escaped, out bool nonAscii, out JsonSyntaxError error);
        return Advance(end, error, nonAscii);
    }

    /// <summary>Skips a number at the cursor; says whether it has no fraction or exponent.</summary>
    public bool SkipNumber(out bool integer)
    {
        int end = Number(_json, Position, out integer, out JsonSyntaxError error);
        return Advance(end, error, nonAscii: false);
    }

    /// <summary>Skips any value at the cursor (after whitespace), nested inside <paramref name="depth"/> containers.</summary>
    public bool SkipValue(int depth)
    {
        int end = Value(_json, Whitespace(_json, Position), depth, _maxDepth, out bool nonAscii, out JsonSyntaxError error);
        return Advance(end, error, nonAscii);
    }

    /// <summary>Moves to <paramref name="end"/>, or records the fault found there (end is then its negated offset minus one).</summary>
    private bool Advance(int end, JsonSyntaxError error, bool nonAscii)
    {
        if (nonAscii) _sawNonAscii = true;
        if (end >= 0)
        {
            Position = end;
            return true;
        }

        return Fail(error, -end - 1);
    }

    private bool Fail(JsonSyntaxError error, int offset)
    {
        if (_error == JsonSyntaxError.None)
        {
            _error = error;
            _errorOffset = Math.Min(offset, _json.Length);
        }

        Position = Math.Min(offset, _json.Length);
        return false;
    }

    // The scanners below return the position after what they crossed, or a fault as -(offset + 1).

    private static int Faulted(int offset) => -offset - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Whitespace(ReadOnlySpan<byte> json, int pos)
    {
        while ((uint)pos < (uint)json.Length && json[pos] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r') pos++;
        return pos;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static bool AtDelimiter(ReadOnlySpan<byte> json, int pos) =>
        (uint)pos >= (uint)json.Length || json[pos] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)',' or (byte)']' or (byte)'}';

    private static JsonSyntaxError EndOr(ReadOnlySpan<byte> json, int pos, JsonSyntaxError otherwise) =>
        pos >= json.Length ? JsonSyntaxError.UnexpectedEnd : otherwise;

    private static int Value(ReadOnlySpan<byte> json, int pos, int depth, int maxDepth, out bool nonAscii, out JsonSyntaxError error)
    {
        nonAscii = false;
        if ((uint)pos < (uint)json.Length && json[pos] is (byte)'{' or (byte)'[')
            return Container(json, pos, depth, maxDepth, out nonAscii, out error);
        return Scalar(json, pos, ref nonAscii, out error);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Scalar(ReadOnlySpan<byte> json, int pos, ref bool nonAscii, out JsonSyntaxError error)
    {
        byte b = (uint)pos < (uint)json.Length ? json[pos] : (byte)0;
        switch (b)
        {
            case (byte)'"':
                int end = String(json, pos, out _, out bool high, out error);
                nonAscii |= high;
                return end;
            case (byte)'t' or (byte)'f' or (byte)'n':
                return Literal(json, pos, out error);
            case (byte)'-' or >= (byte)'0' and <= (byte)'9':
                return Number(json, pos, out _, out error);
            default:
                error = EndOr(json, pos, JsonSyntaxError.UnexpectedByte);
                return Faulted(pos);
        }
    }

    /// <summary>Crosses the string whose opening quote is at <paramref name="pos"/>.</summary>
    private static int String(ReadOnlySpan<byte> json, int pos, out bool escaped, out bool nonAscii, out JsonSyntaxError error)
    {
        escaped = false;
        nonAscii = false;
        error = JsonSyntaxError.None;
        pos++; // the opening quote
        while (true)
        {
            pos = IndexOfStringStop(json, pos, ref nonAscii);
            if (pos < 0)
            {
                error = JsonSyntaxError.UnexpectedEnd;
                return Faulted(json.Length);
            }

            byte b = json[pos];
            if (b == '"') return pos + 1;
            if (b != '\\')
            {
                error = JsonSyntaxError.InvalidString; // a raw control byte
                return Faulted(pos);
            }

            escaped = true;
            pos++;
            byte e = (uint)pos < (uint)json.Length ? json[pos] : (byte)0;
            if (e is (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t')
            {
                pos++;
                continue;
            }

            if (e != 'u')
            {
                error = EndOr(json, pos, JsonSyntaxError.InvalidString);
                return Faulted(pos);
            }

            pos++;
            for (int i = 0; i < 4; i++, pos++)
            {
                if ((uint)pos >= (uint)json.Length || !char.IsAsciiHexDigit((char)json[pos]))
                {
                    error = EndOr(json, pos, JsonSyntaxError.InvalidString);
                    return Faulted(pos);
                }
            }
        }
    }

    /// <summary>The next quote, backslash or control byte at or after <paramref name="from"/>, or -1.
    /// JSON strings are mostly short, so 32 bytes are compared at once with no set-up, and only
    /// the last few bytes of the input go byte by byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int IndexOfStringStop(ReadOnlySpan<byte> json, int from, ref bool nonAscii)
    {
        int i = from;
        if (Vector256.IsHardwareAccelerated)
        {
            ref byte start = ref MemoryMarshal.GetReference(json);
            for (; i + 32 <= json.Length; i += 32)
            {
                Vector256<byte> v = Vector256.LoadUnsafe(ref start, (nuint)i);
                Vector256<byte> stops = Vector256.Equals(v, Vector256.Create((byte)'"'))
                    | Vector256.Equals(v, Vector256.Create((byte)'\\'))
                    | Vector256.LessThan(v, Vector256.Create((byte)0x20));
                uint mask = stops.ExtractMostSignificantBits();
                uint high = v.ExtractMostSignificantBits();
                if (mask != 0)
                {
                    int at = BitOperations.TrailingZeroCount(mask);
                    nonAscii |= (high & ((1u << at) - 1)) != 0;
                    return i + at;
                }

                nonAscii |= high != 0;
            }
        }

        for (; i < json.Length; i++)
        {
            byte b = json[i];
            if (b is (byte)'"' or (byte)'\\' or < 0x20) return i;
            if (b >= 0x80) nonAscii = true;
        }

        return -1;
    }

    /// <summary>Crosses a number (RFC 8259 grammar); it must end at a delimiter, so "1x" and "01" fail.</summary>
    private static int Number(ReadOnlySpan<byte> json, int pos, out bool integer, out JsonSyntaxError error)
    {
        integer = true;
        error = JsonSyntaxError.None;
        if ((uint)pos < (uint)json.Length && json[pos] == '-') pos++;
        if ((uint)pos < (uint)json.Length && json[pos] == '0')
        {
            pos++;
        }
        else if ((uint)pos < (uint)json.Length && IsDigit(json[pos]))
        {
            while ((uint)pos < (uint)json.Length && IsDigit(json[pos])) pos++;
        }
        else
        {
            error = EndOr(json, pos, JsonSyntaxError.InvalidNumber);
            return Faulted(pos);
        }

        if ((uint)pos < (uint)json.Length && json[pos] == '.')
        {
            integer = false;
            pos++;
            if ((uint)pos >= (uint)json.Length || !IsDigit(json[pos]))
            {
                error = EndOr(json, pos, JsonSyntaxError.InvalidNumber);
                return Faulted(pos);
            }

            while ((uint)pos < (uint)json.Length && IsDigit(json[pos])) pos++;
        }

        if ((uint)pos < (uint)json.Length && json[pos] is (byte)'e' or (byte)'E')
        {
            integer = false;
            pos++;
            if ((uint)pos < (uint)json.Length && json[pos] is (byte)'+' or (byte)'-') pos++;
            if ((uint)pos >= (uint)json.Length || !IsDigit(json[pos]))
            {
                error = EndOr(json, pos, JsonSyntaxError.InvalidNumber);
                return Faulted(pos);
            }

            while ((uint)pos < (uint)json.Length && IsDigit(json[pos])) pos++;
        }

        if (AtDelimiter(json, pos)) return pos;
        error = JsonSyntaxError.InvalidNumber;
        return Faulted(pos);
    }

    /// <summary>Crosses <c>true</c>, <c>false</c> or <c>null</c>.</summary>
    private static int Literal(ReadOnlySpan<byte> json, int pos, out JsonSyntaxError error)
    {
        error = JsonSyntaxError.None;
        ReadOnlySpan<byte> literal = json[pos] switch
        {
            (byte)'t' => "true"u8,
            (byte)'f' => "false"u8,
            _ => "null"u8,
        };
        for (int i = 0; i < literal.Length; i++, pos++)
        {
            if ((uint)pos >= (uint)json.Length || json[pos] != literal[i])
            {
                error = EndOr(json, pos, JsonSyntaxError.InvalidLiteral);
                return Faulted(pos);
            }
        }

        if (AtDelimiter(json, pos)) return pos;
        error = JsonSyntaxError.InvalidLiteral;
        return Faulted(pos);
    }

    /// <summary>Crosses the object or array at <paramref name="pos"/> (inside <paramref name="depth"/>
    /// open containers), iteratively: one bit per open level says whether it is an object. The
    /// first 64 levels live in a register; deeper nesting (allowed only by a raised limit) spills
    /// into an array.</summary>
    private static int Container(ReadOnlySpan<byte> json, int pos, int depth, int maxDepth, out bool nonAscii, out JsonSyntaxError error)
    {
        nonAscii = false;
        error = JsonSyntaxError.None;
        ulong objects = 0;
        ulong[]? deeper = null;
        int level = -1;
        while (true)
        {
            // At the start of a value: open a container, or cross a scalar.
            byte b = (uint)pos < (uint)json.Length ? json[pos] : (byte)0;
            if (b is (byte)'{' or (byte)'[')
            {
                if (depth + level + 1 >= maxDepth)
                {
                    error = JsonSyntaxError.TooDeep;
                    return Faulted(pos);
                }

                level++;
                bool isObject = b == '{';
                SetLevel(ref objects, ref deeper, level, isObject);
                pos = Whitespace(json, pos + 1);
                byte close = isObject ? (byte)'}' : (byte)']';
                if ((uint)pos < (uint)json.Length && json[pos] == close)
                {
                    pos++;
                    level--;
                }
                else
                {
                    if (isObject && (pos = MemberName(json, pos, ref nonAscii, out error)) < 0) return pos;
                    pos = Whitespace(json, pos);
                    continue;
                }
            }
            else
            {
                pos = Scalar(json, pos, ref nonAscii, out error);
                if (pos < 0) return pos;
            }

            // After a value: a comma leads to the next one; closers end containers.
            while (true)
            {
                if (level < 0) return pos;
                bool inObject = level < 64 ? (objects & (1UL << level)) != 0 : (deeper![(level >> 6) - 1] & (1UL << (level & 63))) != 0;
                pos = Whitespace(json, pos);
                byte next = (uint)pos < (uint)json.Length ? json[pos] : (byte)0;
                if (next == ',')
                {
                    pos++;
                    if (inObject && (pos = MemberName(json, pos, ref nonAscii, out error)) < 0) return pos;
                    pos = Whitespace(json, pos);
                    break;
                }

                if (next == (inObject ? (byte)'}' : (byte)']'))
                {
                    pos++;
                    level--;
                    continue;
                }

                error = EndOr(json, pos, JsonSyntaxError.UnexpectedByte);
                return Faulted(pos);
            }
        }
    }

    private static void SetLevel(ref ulong objects, ref ulong[]? deeper, int level, bool isObject)
    {
        if (level < 64)
        {
            objects = isObject ? objects | (1UL << level) : objects & ~(1UL << level);
            return;
        }

        int word = (level >> 6) - 1;
        if (deeper is null || word >= deeper.Length) Array.Resize(ref deeper, Math.Max(4, word * 2 + 1));
        ulong bit = 1UL << (level & 63);
        deeper[word] = isObject ? deeper[word] | bit : deeper[word] & ~bit;
    }

    /// <summary>Crosses <c>"name" :</c> inside an object.</summary>
    private static int MemberName(ReadOnlySpan<byte> json, int pos, ref bool nonAscii, out JsonSyntaxError error)
    {
        pos = Whitespace(json, pos);
        if ((uint)pos >= (uint)json.Length || json[pos] != '"')
        {
            error = EndOr(json, pos, JsonSyntaxError.UnexpectedByte);
            return Faulted(pos);
        }

        pos = String(json, pos, out _, out bool high, out error);
        if (pos < 0) return pos;
        nonAscii |= high;
        pos = Whitespace(json, pos);
        if ((uint)pos < (uint)json.Length && json[pos] == ':') return pos + 1;
        error = EndOr(json, pos, JsonSyntaxError.UnexpectedByte);
        return Faulted(pos);
    }
}
