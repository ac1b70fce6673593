using McpFuzz.Fuzzer.Coverage;
using McpFuzz.Fuzzer.Targets;
using McpFuzz.PlantedBug;

namespace McpFuzz.Tests.Coverage;

/// <summary>The planted-bug target, instrumented whole: each magic byte matched lights more edges,
/// which is the gradient a coverage-guided engine climbs; the whole magic crashes.</summary>
public sealed unsafe class PlantedBugCoverageTests
{
    private static readonly Lazy<(IFuzzTarget Target, IReadOnlyList<AttachedTrace> Traces, nint Map)> Loaded = new(() =>
    {
        var context = new IsolatedLoad(new Dictionary<string, string> { ["McpFuzz.PlantedBug"] = InstrumentedFiles.PlantedBug.Path });
        var assembly = context.Get("McpFuzz.PlantedBug");
        var target = (IFuzzTarget)Activator.CreateInstance(assembly.GetType(typeof(PlantedBugTarget).FullName!)!)!;
        byte* map = CoverageMap.Allocate();
        return (target, CoverageMap.Attach(map, [assembly]), (nint)map);
    });

    private static int EdgesOf(byte[] input)
    {
        var (target, traces, map) = Loaded.Value;
        var counters = new Span<byte>((void*)map, CoverageMap.Size);
        counters.Clear();
        foreach (var trace in traces) trace.ResetPrev();
        target.Run(input);
        int edges = 0;
        foreach (byte b in counters) if (b != 0) edges++;
        return edges;
    }

    [Fact]
    public void Longer_magic_prefixes_light_more_edges()
    {
        byte[] magic = PlantedBugTarget.Magic.ToArray();
        var counts = new List<int>();
        for (int matched = 0; matched < magic.Length; matched++)
        {
            byte[] input = new byte[magic.Length];
            magic.AsSpan(0, matched).CopyTo(input); // the rest are zero bytes, which never match
            counts.Add(EdgesOf(input));
        }

        for (int i = 1; i < counts.Count; i++) Assert.True(counts[i] > counts[i - 1], $"prefix {i}: {string.Join(", ", counts)}");
    }

    [Fact]
    public void The_whole_magic_crashes_and_nothing_shorter_does()
    {
        var (target, _, _) = Loaded.Value;
        Assert.Equal("planted-bug", target.Name);
        byte[] magic = PlantedBugTarget.Magic.ToArray();
        var e = Assert.ThrowsAny<Exception>(() => target.Run([.. magic, 0x41]));
        Assert.Equal(typeof(PlantedBugFound).FullName, e.GetType().FullName);
        target.Run(magic.AsSpan(0, 5));
        target.Run([.. magic[..5], 0x0C]);
    }

    [Fact]
    public void The_uninstrumented_target_has_no_trace_to_attach()
    {
        byte* map = CoverageMap.Allocate();
        try
        {
            Assert.Empty(CoverageMap.Attach(map, [typeof(PlantedBugTarget).Assembly]));
        }
        finally
        {
            CoverageMap.Free(map);
        }
    }
}
