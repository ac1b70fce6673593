namespace McpFuzz.Model.Wire;

/// <summary>A range of bytes in a payload: how parsers point at parts of their input without copying.</summary>
public readonly record struct ByteRange(int Start, int Length)
{
    public static ByteRange None => new(-1, 0);

    public bool IsPresent => Start >= 0;

    public int End => Start + Length;

    public ReadOnlySpan<byte> Of(ReadOnlySpan<byte> payload) => IsPresent ? payload.Slice(Start, Length) : default;

    public ReadOnlyMemory<byte> Of(ReadOnlyMemory<byte> payload) => IsPresent ? payload.Slice(Start, Length) : default;

    public override string ToString() => IsPresent ? $"{Start}+{Length}" : "none";
}
