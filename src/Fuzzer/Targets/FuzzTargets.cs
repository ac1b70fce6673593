using McpFuzz.Fuzzer.Targets.SelfTest;

namespace McpFuzz.Fuzzer.Targets;

/// <summary>Every fuzz target <c>mcpfuzz fuzz</c> knows, in <c>--list</c> order: the parsers, then
/// the engine's self-test targets (a planted magic, a stack overflow, a hang, a trivial one) that
/// prove an engine and its supervisor work. A plain list: add a target by adding a line.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<IFuzzTarget> All { get; } =
    [
        new SseChunkedTarget(),
        new SseDifferentialTarget(),
        new JsonRpcClassifierTarget(),
        new HttpHeadersTarget(),
        new PlantedMagicTarget(),
        new StackOverflowTarget(),
        new HangTarget(),
        new TrivialTarget(),
    ];

    /// <summary>The target called <paramref name="name"/>, or null.</summary>
    public static IFuzzTarget? Find(string name) => All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
}
