using System.Globalization;
using System.Text;
using System.Text.Json;
using McpFuzz.Driver.Output;

namespace McpFuzz.Driver.Nightly;

/// <summary>Writes <c>report.md</c> and <c>report.json</c> of a nightly run, each atomically, so a
/// CI step that uploads them (or a run killed at its time limit) never sees half a file.</summary>
public static class NightlyReport
{
    public const string MarkdownName = "report.md";
    public const string JsonName = "report.json";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
    };

    public static void Write(string outDirectory, NightlyResult result)
    {
        AtomicFile.Write(Path.Combine(outDirectory, JsonName), stream => JsonSerializer.Serialize(stream, result, JsonOptions));
        AtomicFile.Write(Path.Combine(outDirectory, MarkdownName), stream => stream.Write(Encoding.UTF8.GetBytes(Markdown(result))));
    }

    private static string MergeCell(NightlyMerge? m) => m switch
    {
        null => "–",
        { Finished: false } => string.Create(CultureInfo.InvariantCulture, $"{m.CorpusBefore} → not finished in {m.Seconds:0} s (corpus unchanged)"),
        _ => string.Create(CultureInfo.InvariantCulture,
            $"{m.CorpusBefore}{(m.Imported > 0 ? $" ({m.Imported} imported)" : "")} → {m.CorpusAfter}, {m.BytesBefore:N0} → {m.BytesAfter:N0} bytes, edges {m.EdgesBefore} → {m.EdgesAfter}{(m.Skipped > 0 ? $", {m.Skipped} skipped" : "")}"),
    };

    public static string Markdown(NightlyResult result)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine("# McpFuzz nightly");
        text.AppendLine();
        text.AppendLine(c, $"Started {result.Started:yyyy-MM-dd HH:mm:ss} UTC, {result.Seconds:0} s of a {result.BudgetSeconds:0} s budget, seed {result.Seed}, {result.Jobs} job(s) per target{(result.Cancelled ? " (cancelled)" : "")}.");
        text.AppendLine(c, $"**{result.NewFindings} new finding(s).**");
        text.AppendLine();
        text.AppendLine("## Parser targets (in-process engine, instrumented)");
        text.AppendLine();
        text.AppendLine("| target | execs | execs/s | edges before → after | corpus before → after | merge: corpus before → after | new crashes | restarts |");
        text.AppendLine("|---|---:|---:|---|---|---|---:|---:|");
        foreach (var t in result.Targets)
        {
            text.AppendLine(c, $"| `{t.Target}`{(t.Instrumented ? "" : " (uninstrumented)")} | {t.Executions:N0} | {t.ExecsPerSecond:N0} | {t.EdgesBefore} → {t.EdgesAfter} (+{t.EdgesAfter - t.EdgesBefore}) " +
                               $"| {t.CorpusBefore} → {t.CorpusAfter} | {MergeCell(t.Merge)} | {t.NewCrashes.Count} | {t.Restarts} |");
        }

        text.AppendLine();
        text.AppendLine("After each campaign the corpus (and `TARGET/import/`) is merged: replayed instrumented and cut to a small set reaching the same edges and hit-count buckets.");
        text.AppendLine();
        foreach (var t in result.Targets.Where(t => t.SeededFrom is not null))
            text.AppendLine(c, $"- `{t.Target}`: corpus seeded from `{t.SeededFrom}`.");
        foreach (var t in result.Targets)
        {
            foreach (var crash in t.NewCrashes) text.AppendLine(c, $"- **crash** in `{t.Target}`: `{crash.File}` — {crash.Signature}");
        }

        if (result.Server is { } s)
        {
            text.AppendLine();
            text.AppendLine("## Stateful server fuzzing");
            text.AppendLine();
            text.AppendLine(c, $"{s.Url}, revision {s.Revision}: {s.Sequences:N0} sequences, {s.Exchanges:N0} exchanges ({s.ExchangesPerSecond:N0}/s), " +
                               $"server states {s.StatesBefore} → {s.StatesAfter}, corpus {s.CorpusBefore} → {s.CorpusAfter}, " +
                               $"{s.NewFailures.Count} new failure(s), {s.KnownFailures} known.");
            foreach (var f in s.NewFailures) text.AppendLine(c, $"- **{f.Rule}**{(f.Reproduced ? "" : " (not reproduced: timing-dependent, not counted as a finding)")}: {f.Why}{(f.Replay is null ? "" : $" (replay: `{f.Replay}`)")}");
        }

        return text.ToString();
    }
}
