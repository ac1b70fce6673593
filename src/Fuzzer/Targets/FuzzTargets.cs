namespace McpFuzz.Fuzzer.Targets;

/// <summary>The fuzz targets <c>mcpfuzz fuzz</c> knows by name. The planted-bug target lives in a
/// test assembly and is not listed here.</summary>
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
