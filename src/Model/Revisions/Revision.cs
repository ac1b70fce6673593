namespace McpFuzz.Model.Revisions;

/// <summary>A published revision of the MCP specification, oldest first.</summary>
/// <remarks>The numeric order is the publication order, so comparisons such as
/// <c>r &gt;= Revision.V2025_06_18</c> read as "this revision or a later one".</remarks>
public enum Revision : byte
{
    V2024_11_05 = 0,
    V2025_03_26 = 1,
    V2025_06_18 = 2,
    V2025_11_25 = 3,
    V2026_07_28 = 4,
}

/// <summary>Legacy revisions negotiate with <c>initialize</c>; modern ones carry the version on
/// every request (2026-07-28/basic/versioning).</summary>
public enum Era : byte
{
    Legacy,
    Modern,
}

public static class Revisions
{
    /// <summary>Every revision, oldest first.</summary>
    public static IReadOnlyList<Revision> All { get; } =
        [Revision.V2024_11_05, Revision.V2025_03_26, Revision.V2025_06_18, Revision.V2025_11_25, Revision.V2026_07_28];

    public static Revision Latest => Revision.V2026_07_28;

    private static readonly string[] Texts = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28"];

    /// <summary>The revision's date string, exactly as it appears on the wire.</summary>
    public static string ToText(this Revision revision) => Texts[(int)revision];

    public static Era Era(this Revision revision) =>
        revision >= Revision.V2026_07_28 ? Model.Revisions.Era.Modern : Model.Revisions.Era.Legacy;

    /// <summary>Parses a wire version string (ordinal, exact) into a known revision.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Revision revision)
    {
        for (int i = 0; i < Texts.Length; i++)
        {
            if (text.SequenceEqual(Texts[i]))
            {
                revision = (Revision)i;
                return true;
            }
        }

        revision = default;
        return false;
    }

    /// <summary>Parses a wire version string given as UTF-8 bytes.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out Revision revision)
    {
        Span<char> chars = stackalloc char[10];
        if (utf8.Length == 10)
        {
            for (int i = 0; i < 10; i++) chars[i] = (char)utf8[i];
            return TryParse(chars, out revision);
        }

        revision = default;
        return false;
    }
}
