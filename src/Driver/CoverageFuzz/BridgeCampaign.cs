using System.ComponentModel;
using McpFuzz.Driver.Cli;
using McpFuzz.Fuzzer.Engines.Bridges;

namespace McpFuzz.Driver.CoverageFuzz;

/// <summary><c>mcpfuzz fuzz TARGET --engine afl|libfuzzer</c>: the same plan as the in-process
/// engine, run by an external engine through our harness. The engine keeps its own state (AFL++'s
/// sync directory, libFuzzer's corpus and crash files) in <c>ENGINE/</c> beside the crash
/// directory; the corpus directory seeds it.</summary>
public static class BridgeCampaign
{
    public static int Run(Terminal terminal, string engine, CampaignPlan plan, string? summaryFile)
    {
        if (plan.Runs is null && plan.Time is null) throw new UsageException($"--engine {engine}: give --time or --runs");
        string output = Path.Combine(Path.GetDirectoryName(plan.CrashDirectory)!, engine);
        bool seeded = Directory.Exists(plan.CorpusDirectory) && Directory.EnumerateFiles(plan.CorpusDirectory).Any();
        var options = new BridgeRunOptions(
            plan.Target.Name,
            plan.Harness.Program,
            output,
            seeded ? plan.CorpusDirectory : null,
            plan.DictionaryFile,
            plan.Time,
            plan.Runs,
            (int)(plan.Seed & int.MaxValue),
            plan.Jobs,
            StopOnFirstCrash: false,
            plan.Harness.TargetsAssembly,
            plan.Timeout);
        try { options.Validate(); }
        catch (ArgumentException e) { throw new UsageException($"--engine {engine}: {e.Message}"); }
        if (!plan.Harness.Instrumented)
            terminal.Error.WriteLine($"note: {plan.Target.Name} runs uninstrumented: {engine} fuzzes it blind");

        var before = Directory.Exists(output)
            ? Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal)
            : [];
        terminal.Error.WriteLine($"{engine}: {plan.Target.Name}, harness {plan.Harness.Directory}, output {output}");
        BridgeSummary summary;
        try
        {
            summary = engine == "afl" ? AflRunner.Run(options) : LibFuzzerRunner.Run(options);
        }
        catch (Win32Exception e)
        {
            throw new UsageException($"--engine {engine}: cannot start the engine ({e.Message}); install it: apt-get install afl++ clang-14 libclang-rt-14-dev");
        }

        var fresh = summary.CrashFiles.Where(f => !before.Contains(Path.GetFullPath(f))).ToArray();
        terminal.Out.WriteLine(summary.ToString());
        foreach (string crash in fresh) terminal.Out.WriteLine($"  new crash: {crash}");
        string json = System.Text.Json.JsonSerializer.Serialize(new
        {
            engine = summary.Engine,
            target = summary.Target,
            executions = summary.Executions,
            execsPerSecond = Math.Round(summary.ExecsPerSecond),
            edges = summary.Edges,
            newCrashes = fresh,
            seconds = Math.Round(summary.Elapsed.TotalSeconds, 1),
            instrumented = plan.Harness.Instrumented,
        });
        terminal.Out.WriteLine(json);
        if (summaryFile is not null) Output.AtomicFile.Write(summaryFile, stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(json + "\n")));
        return fresh.Length > 0 ? ExitCodes.Findings : ExitCodes.Ok;
    }
}
