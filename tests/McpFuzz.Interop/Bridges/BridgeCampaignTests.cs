using McpFuzz.Fuzzer.Engines.Bridges;
using McpFuzz.Interop.Fixtures;

namespace McpFuzz.Interop.Bridges;

/// <summary>
/// Short AFL++ and libFuzzer campaigns through the real harness (<c>dotnet mcpfuzz.dll fuzz-harness
/// ... --target-assembly McpFuzz.HandCoveredTargets.dll</c>) on a planted 4-byte magic crash whose
/// comparisons report coverage by hand. With coverage each engine climbs to the magic a byte at a
/// time; without it (the control) the same budget finds nothing. Each campaign has a fixed seed and
/// a time budget that bounds the test; what is asserted is what was found, not how fast.
/// afl-fuzz and clang-14 with libclang-rt-14-dev come from test.sh (apt).
/// </summary>
public sealed class BridgeCampaignTests : IDisposable
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(150);
    private readonly string work = Directory.CreateTempSubdirectory("mcpfuzz-bridges-").FullName;
    private readonly string seeds;

    public BridgeCampaignTests()
    {
        // One 4-byte seed: the climb is then byte replacements at fixed offsets, which both
        // engines try early (from a 1-byte seed AFL++ took up to a minute on some seeds).
        seeds = Path.Combine(work, "seeds");
        Directory.CreateDirectory(seeds);
        File.WriteAllText(Path.Combine(seeds, "aaaa"), "AAAA");
    }

    public void Dispose()
    {
        try { Directory.Delete(work, recursive: true); }
        catch (IOException) { }
    }

    private static string Harness => Peers.Built(Path.Combine("src", "Driver"), "mcpfuzz.dll");

    private static string Targets => Peers.Built(Path.Combine("tests", "HandCoveredTargets"), "McpFuzz.HandCoveredTargets.dll");

    private BridgeRunOptions Campaign(string target, string name, TimeSpan time) => new(
        Target: target,
        HarnessProgram: Harness,
        OutputDirectory: Path.Combine(work, name),
        SeedDirectory: seeds,
        Time: time,
        Seed: 7,
        StopOnFirstCrash: true,
        TargetAssembly: Targets);

    [Fact]
    public void AflFindsThePlantedMagicThroughTheForkServer()
    {
        var summary = AflRunner.Run(Campaign("hand-covered-magic", "afl", Budget));

        Assert.True(summary.Crashes >= 1, $"no crash found: {summary}{Environment.NewLine}{summary.Log}");
        Assert.Equal("MCP!"u8.ToArray(), File.ReadAllBytes(summary.CrashFiles[0]).Take(4).ToArray());
        // The entry edge and one per matched byte before the last: the last one's edge is only ever
        // seen on a crashing input, whose coverage AFL++ keeps out of edges_found.
        Assert.True(summary.Edges >= 4, $"too few edges: {summary}");
    }

    [Fact]
    public void LibFuzzerFindsThePlantedMagicThroughTheBridgeAndTheBlindControlDoesNot()
    {
        var control = LibFuzzerRunner.Run(Campaign("uncovered-magic", "control", TimeSpan.FromSeconds(10)));
        var summary = LibFuzzerRunner.Run(Campaign("hand-covered-magic", "libfuzzer", Budget));

        Assert.True(control.Executions > 1000, $"the control must actually run: {control}{Environment.NewLine}{control.Log}");
        Assert.Empty(control.CrashFiles);
        Assert.True(summary.Crashes == 1, $"expected the one crash libFuzzer stops at: {summary}{Environment.NewLine}{summary.Log}");
        Assert.StartsWith("crash-", Path.GetFileName(summary.CrashFiles[0]));
        Assert.Equal("MCP!"u8.ToArray(), File.ReadAllBytes(summary.CrashFiles[0]).Take(4).ToArray());
        Assert.Contains("PlantedMagicCrash", summary.Log);
        // libFuzzer's cov: counts the harness's map entries, not only the bridge's own edges (all
        // the blind control has): the target's entry edge and its first matched bytes come on top
        // (the edges seen only on the crashing input are not counted).
        Assert.True(summary.Edges >= control.Edges + 3, $"the map's edges are not in cov: {summary} vs control {control}");
    }

    [Fact]
    public void AflJobsRunAsOneMainAndSecondariesSharingTheSyncDirectory()
    {
        var summary = AflRunner.Run(Campaign("uncovered-magic", "jobs", TimeSpan.FromSeconds(5)) with { Jobs = 2, StopOnFirstCrash = false });

        Assert.True(File.Exists(Path.Combine(work, "jobs", "main", "fuzzer_stats")), summary.Log);
        Assert.True(File.Exists(Path.Combine(work, "jobs", "s1", "fuzzer_stats")), summary.Log);
        Assert.True(summary.Executions > 0, $"{summary}{Environment.NewLine}{summary.Log}");
        Assert.Empty(summary.CrashFiles);
    }
}
