using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using McpFuzz.Benchmarks.Checking;
using McpFuzz.Benchmarks.JsonRpc;
using McpFuzz.Benchmarks.Sse;

namespace McpFuzz.Benchmarks.Reporting;

/// <summary>A column computed from a benchmark's result and the size of its input case (bytes
/// and events; for an exploration, no bytes and its distinct states as events), so time becomes
/// MB/s or states/s and allocation becomes bytes per event.</summary>
public abstract class CaseColumn(string name, string legend, int priority) : IColumn
{
    public string Id => GetType().Name;
    public string ColumnName => name;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => priority;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => legend;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var report = summary[benchmarkCase];
        return report is null || SizeOf(benchmarkCase) is not { } size ? "-" : Compute(report, benchmarkCase, size.Bytes, size.Events);
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    protected abstract string Compute(BenchmarkReport report, BenchmarkCase benchmarkCase, long bytes, long events);

    private static (long Bytes, long Events)? SizeOf(BenchmarkCase benchmark) =>
        benchmark.Parameters.Items.FirstOrDefault(p => p.Name == "Case")?.Value switch
        {
            SseCase sse => (SseInput.For(sse).Bytes.Length, SseInput.For(sse).Events),
            JsonRpcCase json => (JsonRpcPayloads.For(json).Length, 1),
            ExplorerCase explorer => (0, ExplorerCases.States(explorer)),
            _ => null,
        };
}

/// <summary>Megabytes (10^6 bytes) of input parsed per second, from the mean time.</summary>
public sealed class ThroughputColumn() : CaseColumn("MB/s", "Input megabytes (10^6 bytes) parsed per second, from the mean time", 0)
{
    protected override string Compute(BenchmarkReport report, BenchmarkCase benchmarkCase, long bytes, long events) =>
        report.ResultStatistics is { } stats && bytes > 0 ? (bytes / (stats.Mean / 1e9) / 1e6).ToString("N0") : "-";
}

/// <summary>Distinct states explored per second, from the mean time of one whole exploration.</summary>
public sealed class StatesPerSecondColumn() : CaseColumn("states/s", "Distinct states explored per second (one thread), from the mean time", 2)
{
    protected override string Compute(BenchmarkReport report, BenchmarkCase benchmarkCase, long bytes, long events) =>
        report.ResultStatistics is { } stats && bytes == 0 ? (events / (stats.Mean / 1e9)).ToString("N0") : "-";
}

/// <summary>Managed bytes allocated per event (per payload for JSON-RPC).</summary>
public sealed class AllocatedPerEventColumn() : CaseColumn("B/event", "Bytes allocated per event (SSE), per payload (JSON-RPC) or per distinct state (explorer)", 1)
{
    protected override string Compute(BenchmarkReport report, BenchmarkCase benchmarkCase, long bytes, long events) =>
        ((double)(report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase) ?? 0) / events).ToString("N1");
}
