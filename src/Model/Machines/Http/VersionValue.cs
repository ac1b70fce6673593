using McpFuzz.Model.Revisions;

namespace McpFuzz.Model.Machines.Http;

/// <summary>A protocol version as carried in a header or body: absent, or one revision.</summary>
public enum VersionValue : byte
{
    None = 0,
    V2024_11_05 = 1,
    V2025_03_26 = 2,
    V2025_06_18 = 3,
    V2025_11_25 = 4,
    V2026_07_28 = 5,

    /// <summary>A well-formed version string that names no revision (e.g. <c>1999-01-01</c>): what a
    /// probe sends to see a server refuse or counteroffer.</summary>
    Unsupported = 6,
}

public static class VersionValues
{
    public static VersionValue Of(Revision revision) => (VersionValue)((int)revision + 1);

    /// <summary>Whether the value names one of the revisions.</summary>
    public static bool IsRevision(this VersionValue value) => value is > VersionValue.None and < VersionValue.Unsupported;

    public static Revision ToRevision(this VersionValue value) =>
        value.IsRevision() ? (Revision)((int)value - 1) : throw new ArgumentException($"{value} names no revision", nameof(value));

    public static string ToText(this VersionValue value) => value switch
    {
        VersionValue.None => "none",
        VersionValue.Unsupported => "unsupported",
        _ => value.ToRevision().ToText(),
    };
}
