using System.Text.Json;
using McpFuzz.Fuzzer.Engines;

namespace McpFuzz.Driver.CoverageFuzz;

/// <summary>What a worker tells its supervisor, one JSON object a line on standard output, about
/// once a second and once at the end. Crashes are not in it: they are files in the crash
/// directory, which the supervisor reads.</summary>
public sealed record WorkerStatusLine(long Executions, int Edges, int Corpus, bool Instrumented)
{
    public static string Format(EngineStatus status, bool instrumented) =>
        JsonSerializer.Serialize(new { executions = status.Executions, edges = status.Edges, corpus = status.CorpusSize, instrumented });

    /// <summary>The status a line carries, or null for anything else a worker printed.</summary>
    public static WorkerStatusLine? Parse(string line)
    {
        if (!line.StartsWith('{')) return null;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            return new WorkerStatusLine(
                root.GetProperty("executions").GetInt64(),
                root.GetProperty("edges").GetInt32(),
                root.GetProperty("corpus").GetInt32(),
                root.GetProperty("instrumented").GetBoolean());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
