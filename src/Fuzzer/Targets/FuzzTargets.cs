namespace McpFuzz.Fuzzer.Targets;

/// <summary>The fuzz targets <c>mcpfuzz fuzz</c> knows by name, in <c>--list</c> order: our
/// parsers. Other targets come from an assembly given with <c>--targets</c> (the planted bug, the
/// engines' hand-covered self-tests, a user's own code). A plain list: add a target by adding a line.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<IFuzzTarget> All { get; } =
    [
        new SseChunkedTarget(),
        new SseDifferentialTarget(),
        new JsonRpcClassifierTarget(),
        new HttpHeadersTarget(),
    ];

    /// <summary>The target called <paramref name="name"/>, or null.</summary>
    public static IFuzzTarget? Find(string name) => All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
}
