namespace McpFuzz.HandCoveredTargets;

/// <summary>
/// A multi-byte magic compared byte by byte with a probe on every branch, the shape an
/// instrumented parser has when it matches a keyword: coverage feedback rewards each right byte
/// separately, so an engine with feedback climbs the magic one byte at a time, and one without
/// must guess all of it at once.
/// </summary>
internal static class MagicGate
{
    /// <summary>Whether <paramref name="input"/> starts with <paramref name="magic"/>; probe ids
    /// start at <paramref name="firstId"/>.</summary>
    public static bool Opens(ReadOnlySpan<byte> input, ReadOnlySpan<byte> magic, int firstId)
    {
        McpFuzz.Coverage.Trace.Hit(firstId);
        for (int i = 0; i < magic.Length; i++)
        {
            if (i >= input.Length || input[i] != magic[i])
            {
                McpFuzz.Coverage.Trace.Hit(firstId + 2 * i + 1);
                return false;
            }
            McpFuzz.Coverage.Trace.Hit(firstId + 2 * i + 2);
        }
        return true;
    }
}
