using System.Reflection;
using McpFuzz.Fuzzer.Coverage;
using McpFuzz.PlantedBug;

namespace McpFuzz.Tests.Coverage;

/// <summary>Handlers, filters, switches, loops, iterators and async code behave the same after
/// instrumentation, and a catch or a filter taken lights edges of its own.</summary>
public sealed unsafe class ControlFlowShapesTests
{
    private static readonly Lazy<(MethodInfo Exercise, IReadOnlyList<AttachedTrace> Traces, nint Map)> Loaded = new(() =>
    {
        var context = new IsolatedLoad(new Dictionary<string, string> { ["McpFuzz.PlantedBug"] = InstrumentedFiles.PlantedBug.Path });
        var assembly = context.Get("McpFuzz.PlantedBug");
        var exercise = assembly.GetType(typeof(ControlFlowShapes).FullName!)!.GetMethod(nameof(ControlFlowShapes.Exercise))!;
        byte* map = CoverageMap.Allocate();
        return (exercise, CoverageMap.Attach(map, [assembly]), (nint)map);
    });

    private static (string Output, HashSet<int> Edges) Run(int x)
    {
        var (exercise, traces, map) = Loaded.Value;
        var counters = new Span<byte>((void*)map, CoverageMap.Size);
        counters.Clear();
        foreach (var trace in traces) trace.ResetPrev();
        string output = (string)exercise.Invoke(null, [x])!;
        var edges = new HashSet<int>();
        for (int i = 0; i < counters.Length; i++) if (counters[i] != 0) edges.Add(i);
        return (output, edges);
    }

    [Fact]
    public void Every_shape_gives_the_same_answer_instrumented()
    {
        for (int x = -3; x <= 12; x++) Assert.Equal(ControlFlowShapes.Exercise(x), Run(x).Output);
    }

    [Fact]
    public void A_catch_a_filter_and_a_rethrow_each_light_edges_the_plain_path_does_not()
    {
        var plain = Run(0).Edges;
        foreach (int x in new[] { 1, 2, 3, 4, 6 })
            Assert.NotEmpty(Run(x).Edges.Except(plain));
        Assert.NotEqual(Run(2).Edges, Run(3).Edges); // the filter that matched vs the one that did not
    }
}
