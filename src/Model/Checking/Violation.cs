namespace McpFuzz.Model.Checking;

/// <summary>Kinds of property (Stateright's three): safety, bounded liveness, reachability.</summary>
public enum PropertyKind : byte
{
    Always,
    Eventually,
    Sometimes,
}

/// <summary>A property the checker verifies, with the rules it stands for.</summary>
public sealed record Property(string Id, PropertyKind Kind, string Description, params string[] Rules);

/// <summary>A property that failed, the rules involved, and a sentence about this instance.</summary>
public sealed record Violation(Property Property, IReadOnlyList<string> Rules, string Detail);
