using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using McpFuzz.Benchmarks.JsonRpc;
using McpFuzz.Benchmarks.Sse;

namespace McpFuzz.Benchmarks.Reporting;

/// <summary>Input bytes and events of a benchmark case, so columns can turn time into MB/s and
/// allocation into bytes per event.</summary>
internal static class CaseSize
{
    public static (long Bytes, long Events)? Of(BenchmarkCase benchmark)
    {
        object? value = benchmark.Parameters.Items.FirstOrDefault(p => p.Name == "Case")?.Value;
        return value switch
        {
            SseCase sse => (SseInput.For(sse).Bytes.Length, SseInput.For(sse).Events),
            JsonRpcCase json => (JsonRpcPayloads.For(json).Length, 1),
            _ => null,
        };
    }
}

/// <summary>Megabytes (10^6 bytes) of input parsed per second.</summary>
public sealed class ThroughputColumn : IColumn
{
    public string Id => nameof(ThroughputColumn);
    public string ColumnName => "MB/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Input megabytes (10^6 bytes) parsed per second, from the mean time";
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } stats || CaseSize.Of(benchmarkCase) is not { } size) return "-";
        return (size.Bytes / (stats.Mean / 1e9) / 1e6).ToString("N0");
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
}

/// <summary>Managed bytes allocated per event (per payload for JSON-RPC).</summary>
public sealed class AllocatedPerEventColumn : IColumn
{
    public string Id => nameof(AllocatedPerEventColumn);
    public string ColumnName => "B/event";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 1;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Bytes allocated per event (SSE) or per payload (JSON-RPC)";
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var report = summary[benchmarkCase];
        if (report is null || CaseSize.Of(benchmarkCase) is not { } size) return "-";
        long allocated = report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase) ?? 0;
        return ((double)allocated / size.Events).ToString("N1");
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
}
