namespace McpFuzz.Model.Wire.JsonRpc;

/// <summary>Bounds on what the classifier will read. Exceeding one makes the payload
/// <see cref="JsonRpcKind.Invalid"/> with a <see cref="JsonRpcMalformation"/>, never an exception.</summary>
public sealed record JsonRpcLimits
{
    public static JsonRpcLimits Default { get; } = new();

    /// <summary>Deepest nesting of arrays and objects.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Largest payload in bytes.</summary>
    public int MaxSize { get; init; } = 16 * 1024 * 1024;

    /// <summary>Most elements read from a batch.</summary>
    public int MaxBatchElements { get; init; } = 1024;
}
