using BenchmarkDotNet.Attributes;
using McpFuzz.Model.Checking;

namespace McpFuzz.Benchmarks.Checking;

/// <summary>
/// One whole exploration per operation, as <c>mcpfuzz check</c> runs it for one pairing: a fresh
/// model (its step caches empty), breadth-first search to the default bounds. The states/s column
/// is distinct states over the mean time of an operation, on one thread.
/// </summary>
[MemoryDiagnoser]
public class ExplorerBenchmarks
{
    private Pairing _pairing = null!;

    [ParamsAllValues]
    public ExplorerCase Case { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _pairing = ExplorerCases.PairingOf(Case);
        if (Explore() != ExplorerCases.States(Case))
            throw new InvalidOperationException($"{Case}: two explorations found different numbers of states");
    }

    [Benchmark]
    public long Explore() => Explorer.Run(new McpWorld(_pairing), ExplorerCases.Bounds).States;
}
