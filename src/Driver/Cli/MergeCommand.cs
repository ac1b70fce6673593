using System.Text.Json;
using McpFuzz.Driver.CoverageFuzz;
using McpFuzz.Fuzzer.Targets;

namespace McpFuzz.Driver.Cli;

/// <summary><c>mcpfuzz fuzz TARGET --merge INTO FROM...</c>: checks the directories, runs
/// <see cref="CorpusMerge"/> and prints one text line and one JSON line (also to <c>--summary</c>).
/// Exit 1 when an input crashed (saved under <c>--crashes</c>), 0 when not, 2 on bad usage.</summary>
internal static class MergeCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static MergePlan Plan(IFuzzTarget target, TargetCatalog catalog, string[] directories, string crashDirectory, int maxLength, int timeoutMs)
    {
        string into = directories[0];
        if (File.Exists(into)) throw new UsageException($"--merge: INTO '{into}' is a file, not a directory");
        foreach (string from in directories.Skip(1))
        {
            try { MergeSources.Of(from); }
            catch (FileNotFoundException) { throw new UsageException($"--merge: FROM '{from}' does not exist"); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UsageException($"--merge: FROM '{from}' cannot be read: {e.Message}"); }
        }
        var harness = HarnessChoice.For(target, catalog);
        if (!harness.Instrumented) throw new UsageException($"--merge: {target.Name} has no instrumented code, so no coverage to merge by");
        return new MergePlan(target, harness, Path.GetFullPath(into), [.. directories.Skip(1).Select(Path.GetFullPath)], Path.GetFullPath(crashDirectory),
            maxLength, TimeSpan.FromMilliseconds(timeoutMs));
    }

    public static async Task<int> RunAsync(Terminal terminal, MergePlan plan, string? summaryFile, CancellationToken cancel)
    {
        var summary = await CorpusMerge.RunAsync(plan, message => { lock (terminal) terminal.Error.WriteLine(message); }, cancel);
        terminal.Out.WriteLine(Line(summary));
        foreach (var skipped in summary.Skipped) terminal.Out.WriteLine($"skipped {skipped.File}: {skipped.Why}");
        string json = JsonSerializer.Serialize(summary, Json);
        terminal.Out.WriteLine(json);
        if (summaryFile is not null) Output.AtomicFile.Write(summaryFile, stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(json + "\n")));
        return summary.CrashFound ? ExitCodes.Findings : ExitCodes.Ok;
    }

    public static string Line(MergeSummary s) =>
        $"merge {s.Target}: {(s.Finished ? "" : "NOT FINISHED (INTO unchanged), ")}inputs {s.InputsBefore} -> {s.InputsAfter} ({s.InputsFrom} from FROM, {s.Duplicates} duplicates, " +
        $"+{s.Added} -{s.Removed} in INTO), edges {s.Edges} -> {s.EdgesAfter}, features {s.Features} -> {s.FeaturesAfter}, bytes {s.BytesBefore} -> {s.BytesAfter}, " +
        $"skipped {s.Skipped.Count}, {s.Seconds:0.0} s";
}
