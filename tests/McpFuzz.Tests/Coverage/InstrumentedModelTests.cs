using System.Reflection;
using McpFuzz.Fuzzer.Coverage;

namespace McpFuzz.Tests.Coverage;

/// <summary>The instrumented McpFuzz.Model (its Wire namespaces) parses exactly as the original
/// does, and its probes tell inputs apart.</summary>
public sealed unsafe class InstrumentedModelTests
{
    private static readonly Lazy<Instrumented> Loaded = new(() => new Instrumented());

    private sealed class Instrumented
    {
        public readonly byte* Map = CoverageMap.Allocate(); // lives as long as the test process
        public readonly MethodInfo Sse;
        public readonly MethodInfo JsonRpc;
        public readonly IReadOnlyList<AttachedTrace> Traces;

        public Instrumented()
        {
            var context = new IsolatedLoad(new Dictionary<string, string>
            {
                ["McpFuzz.Model"] = InstrumentedFiles.ModelWire.Path,
                ["McpFuzz.Tests"] = typeof(WireSummary).Assembly.Location,
            });
            var summary = context.Get("McpFuzz.Tests").GetType(typeof(WireSummary).FullName!)!;
            Sse = summary.GetMethod(nameof(WireSummary.Sse))!;
            JsonRpc = summary.GetMethod(nameof(WireSummary.JsonRpc))!;
            Traces = CoverageMap.Attach(Map, [context.Get("McpFuzz.Model")]);
        }

        /// <summary>Runs one call on a cleared map and returns its output and the edges it lit.</summary>
        public (string Output, HashSet<int> Edges) Run(MethodInfo method, params object[] arguments)
        {
            new Span<byte>(Map, CoverageMap.Size).Clear();
            foreach (var trace in Traces) trace.ResetPrev();
            string output = (string)method.Invoke(null, arguments)!;
            var edges = new HashSet<int>();
            for (int i = 0; i < CoverageMap.Size; i++) if (Map[i] != 0) edges.Add(i);
            return (output, edges);
        }
    }

    public static IEnumerable<object[]> CorpusFiles() =>
        Directory.GetFiles(Path.Combine(RepoRoot(), "corpus", "sse")).Concat(Directory.GetFiles(Path.Combine(RepoRoot(), "corpus", "jsonrpc")))
            .Order(StringComparer.Ordinal).Select(f => new object[] { Path.GetRelativePath(RepoRoot(), f) });

    [Fact]
    public void The_instrumented_model_is_a_separate_copy_carrying_the_trace()
    {
        var model = Loaded.Value;
        Assert.Single(model.Traces);
        Assert.Equal("McpFuzz.Model", model.Traces[0].AssemblyName);
        Assert.False(CoverageMap.IsInstrumented(typeof(McpFuzz.Model.Wire.Sse.SseReader).Assembly));
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void The_instrumented_parsers_give_the_same_outputs_as_the_originals(string file)
    {
        var model = Loaded.Value;
        byte[] input = File.ReadAllBytes(Path.Combine(RepoRoot(), file));
        foreach (int chunk in new[] { 1, 7, int.MaxValue })
        {
            var (output, edges) = model.Run(model.Sse, input, chunk);
            Assert.Equal(WireSummary.Sse(input, chunk), output);
            Assert.NotEmpty(edges);
        }

        var (json, jsonEdges) = model.Run(model.JsonRpc, input);
        Assert.Equal(WireSummary.JsonRpc(input), json);
        Assert.NotEmpty(jsonEdges);
    }

    [Fact]
    public void Different_inputs_light_different_edges_and_the_same_input_the_same_ones()
    {
        var model = Loaded.Value;
        byte[] typical = File.ReadAllBytes(Path.Combine(RepoRoot(), "corpus", "sse", "typical.sse"));
        byte[] crlf = File.ReadAllBytes(Path.Combine(RepoRoot(), "corpus", "sse", "crlf-cr-comment.sse"));
        var first = model.Run(model.Sse, typical, int.MaxValue).Edges;
        var again = model.Run(model.Sse, typical, int.MaxValue).Edges;
        var other = model.Run(model.Sse, crlf, int.MaxValue).Edges;
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);

        var batch = model.Run(model.JsonRpc, File.ReadAllBytes(Path.Combine(RepoRoot(), "corpus", "jsonrpc", "batch.json"))).Edges;
        var notification = model.Run(model.JsonRpc, File.ReadAllBytes(Path.Combine(RepoRoot(), "corpus", "jsonrpc", "notification.json"))).Edges;
        Assert.NotEqual(batch, notification);
        Assert.NotEmpty(batch.Except(notification));
    }

    internal static string RepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "McpFuzz.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new DirectoryNotFoundException("McpFuzz.sln not found above " + AppContext.BaseDirectory);
    }
}
