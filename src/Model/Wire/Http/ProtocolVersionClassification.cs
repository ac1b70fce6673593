using McpFuzz.Model.Revisions;

namespace McpFuzz.Model.Wire.Http;

/// <summary>The verdict on one <c>MCP-Protocol-Version</c> value.</summary>
/// <param name="Kind">What the value is.</param>
/// <param name="Revision">The revision, exactly when <paramref name="Kind"/> is
/// <see cref="ProtocolVersionKind.Known"/>.</param>
public readonly record struct ProtocolVersionClassification(ProtocolVersionKind Kind, Revision? Revision)
{
    public static ProtocolVersionClassification Malformed => new(ProtocolVersionKind.Malformed, null);

    public static ProtocolVersionClassification UnknownDate => new(ProtocolVersionKind.UnknownDate, null);

    public static ProtocolVersionClassification Known(Revision revision) => new(ProtocolVersionKind.Known, revision);

    public bool IsKnown => Kind == ProtocolVersionKind.Known;
}
