using McpFuzz.Model.Revisions;

namespace McpFuzz.Model.Wire.JsonRpc;

/// <summary>A payload broke <paramref name="Rule"/>.</summary>
/// <param name="Rule">The rule, with its level and the revisions it holds in.</param>
/// <param name="Element">The batch element concerned, or -1 for the payload as a whole.</param>
/// <param name="Detail">What exactly was seen.</param>
public sealed record JsonRpcViolation(Rule Rule, int Element, string Detail);
