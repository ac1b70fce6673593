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
}

public static class VersionValues
{
    public static VersionValue Of(Revision revision) => (VersionValue)((int)revision + 1);

    public static Revision ToRevision(this VersionValue value) =>
        value == VersionValue.None ? throw new ArgumentException("no version", nameof(value)) : (Revision)((int)value - 1);

    public static string ToText(this VersionValue value) => value == VersionValue.None ? "none" : value.ToRevision().ToText();
}
