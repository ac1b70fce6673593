using McpFuzz.Fuzzer.Coverage;
using McpFuzz.Fuzzer.Engines.Bridges;
using McpFuzz.Interop.Fixtures;

namespace McpFuzz.Interop.Bridges;

/// <summary>
/// AFL++ and libFuzzer on the planted bug compiled as ordinary C# (tests/PlantedBug) and
/// instrumented by our own instrumenter in a harness directory, as <c>mcpfuzz fuzz --engine ...
/// --targets McpFuzz.PlantedBug.dll</c> runs it: the whole chain, no hand-written coverage. Fixed
/// seed, bounded time; what is asserted is what was found.
/// </summary>
public sealed class PlantedBugCampaignTests : IDisposable
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(150);
    private readonly string work = Directory.CreateTempSubdirectory("mcpfuzz-planted-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(work, recursive: true); }
        catch (IOException) { }
    }

    private BridgeRunOptions Campaign(string name)
    {
        string driver = Path.GetDirectoryName(Peers.Built(Path.Combine("src", "Driver"), "mcpfuzz.dll"))!;
        string planted = Peers.Built(Path.Combine("tests", "PlantedBug"), "McpFuzz.PlantedBug.dll");
        string harness = InstrumentedHarness.Prepare(driver, Path.Combine(work, "cache"), [new HarnessAssembly(planted, [])]);
        return new BridgeRunOptions(
            Target: "planted-bug",
            HarnessProgram: Path.Combine(harness, "mcpfuzz.dll"),
            OutputDirectory: Path.Combine(work, name),
            Time: Budget,
            Seed: 7,
            StopOnFirstCrash: true,
            TargetAssembly: Path.Combine(harness, "McpFuzz.PlantedBug.dll"));
    }

    [Theory]
    [InlineData("afl")]
    [InlineData("libfuzzer")]
    public void TheEngineFindsTheInstrumentedPlantedBug(string engine)
    {
        var options = Campaign(engine);
        var summary = engine == "afl" ? AflRunner.Run(options) : LibFuzzerRunner.Run(options);

        Assert.True(summary.Crashes >= 1, $"no crash found: {summary}{Environment.NewLine}{summary.Log}");
        Assert.StartsWith("MCP!", System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(summary.CrashFiles[0])));
        Assert.True(summary.Edges > 4, $"the instrumented assembly reported too few edges: {summary}");
    }
}
