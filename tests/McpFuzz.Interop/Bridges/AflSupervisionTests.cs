using System.Globalization;
using System.Text.RegularExpressions;
using McpFuzz.Fuzzer.Engines.Bridges;
using McpFuzz.Interop.Fixtures;

namespace McpFuzz.Interop.Bridges;

/// <summary>
/// An input that kills the .NET process running it must not end an AFL++ campaign. The fork server
/// runs the inputs in a child process and reports the child's pid, so a stack overflow (the child
/// aborts) is filed as a crash and AFL++'s timeout kill lands on the child and is filed as a hang;
/// either way the next input gets a fresh child. Each campaign has a fixed seed and a time budget,
/// and must end as a budget ends (exit 0) having run many inputs after the one that killed a child.
/// </summary>
public sealed class AflSupervisionTests : IDisposable
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);
    private const long RunsAfterwards = 1000;
    private readonly string work = Directory.CreateTempSubdirectory("mcpfuzz-aflsup-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(work, recursive: true); }
        catch (IOException) { }
    }

    private BridgeRunOptions Campaign(string target, string seed, TimeSpan? timeout = null)
    {
        var seeds = Path.Combine(work, "seeds-" + target);
        Directory.CreateDirectory(seeds);
        // One byte short of the magic: the campaign reaches the killing input within seconds.
        File.WriteAllText(Path.Combine(seeds, "seed"), seed);
        return new BridgeRunOptions(
            Target: target,
            HarnessProgram: Peers.Built(Path.Combine("src", "Driver"), "mcpfuzz.dll"),
            OutputDirectory: Path.Combine(work, target),
            SeedDirectory: seeds,
            Time: Budget,
            Seed: 7,
            TargetAssembly: Peers.Built(Path.Combine("tests", "HandCoveredTargets"), "McpFuzz.HandCoveredTargets.dll"),
            Timeout: timeout);
    }

    [Fact]
    public void AStackOverflowIsACrashAndTheCampaignGoesOn()
    {
        var options = Campaign("selftest-overflow", "SA");
        var summary = AflRunner.Run(options);
        string diagnosis = $"{summary}{Environment.NewLine}{summary.Log}";

        Assert.True(summary.ExitCode == 0, $"the campaign did not end at its budget: {diagnosis}");
        var crashes = Found(options, "crashes");
        Assert.NotEmpty(crashes);
        // SIGABRT: how the runtime ends a process whose stack overflowed.
        Assert.All(crashes, c => Assert.Contains("sig:06", Path.GetFileName(c)));
        Assert.All(crashes, c => Assert.StartsWith("SO", File.ReadAllText(c)));
        Assert.Empty(Found(options, "hangs"));
        Assert.True(summary.Executions > ExecsAt(crashes[0]) + RunsAfterwards, $"too few inputs ran after the overflow at {ExecsAt(crashes[0])}: {diagnosis}");
    }

    [Fact]
    public void AHangIsKilledByAflAndFiledAsAHangAndTheCampaignGoesOn()
    {
        // 1 s: AFL++'s own hang re-check uses 1 s too, so each hang costs one second, not two.
        var options = Campaign("selftest-hang", "HANA", TimeSpan.FromSeconds(1));
        var summary = AflRunner.Run(options);
        string diagnosis = $"{summary}{Environment.NewLine}{summary.Log}";

        Assert.True(summary.ExitCode == 0, $"the campaign did not end at its budget: {diagnosis}");
        var hangs = Found(options, "hangs");
        Assert.NotEmpty(hangs);
        Assert.All(hangs, h => Assert.StartsWith("HANG", File.ReadAllText(h)));
        Assert.Empty(Found(options, "crashes"));
        Assert.True(summary.Executions > ExecsAt(hangs[0]) + RunsAfterwards, $"too few inputs ran after the hang at {ExecsAt(hangs[0])}: {diagnosis}");
        Assert.Equal(summary.CrashFiles, hangs);
    }

    private static string[] Found(BridgeRunOptions options, string kind)
    {
        var dir = Path.Combine(options.OutputDirectory, "main", kind);
        return Directory.Exists(dir) ? Directory.GetFiles(dir, "id:*").Order(StringComparer.Ordinal).ToArray() : [];
    }

    /// <summary>The execution count at which AFL++ saved a file (its name's <c>execs:N</c>).</summary>
    private static long ExecsAt(string file) =>
        long.Parse(Regex.Match(Path.GetFileName(file), "execs:([0-9]+)").Groups[1].Value, CultureInfo.InvariantCulture);

    [Fact]
    public void LibFuzzerFilesAHangAsATimeoutAndLeavesNoHarnessBehind()
    {
        // libFuzzer stops at its first finding; what matters is that it stops. A harness left
        // spinning after libFuzzer's timeout exit would hold the engine's standard error open, and
        // the run would last until the bound kills it (exit code -1).
        var options = Campaign("selftest-hang", "HANA", TimeSpan.FromSeconds(2)) with { OutputDirectory = Path.Combine(work, "libfuzzer-hang") };
        var summary = LibFuzzerRunner.Run(options);
        string diagnosis = $"{summary}{Environment.NewLine}{summary.Log}";

        var timeout = Assert.Single(summary.CrashFiles);
        Assert.StartsWith("timeout-", Path.GetFileName(timeout));
        Assert.StartsWith("HANG", File.ReadAllText(timeout));
        Assert.True(summary.ExitCode > 0, $"libFuzzer did not end by itself: {diagnosis}");
    }
}
