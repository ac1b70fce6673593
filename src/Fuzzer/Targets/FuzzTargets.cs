using McpFuzz.Fuzzer.Targets.SelfTest;

namespace McpFuzz.Fuzzer.Targets;

/// <summary>Every fuzz target <c>mcpfuzz fuzz</c> knows, in <c>--list</c> order. A plain list:
/// add a target by adding a line.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<IFuzzTarget> All { get; } =
    [
        new PlantedMagicTarget(),
        new StackOverflowTarget(),
        new HangTarget(),
        new TrivialTarget(),
    ];

    public static IFuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}
