using System.Text;
using System.Text.Json;
using McpFuzz.Driver.Output;
using McpFuzz.Driver.Server;
using McpFuzz.Fuzzer.Sequences;
using McpFuzz.Model.Machines.Peers;

namespace McpFuzz.Driver.Fuzz;

/// <summary>
/// A failure saved for later: the seed, the minimal sequence, the rule, and the exchanges observed
/// when it was confirmed (JSON, read back by <c>mcpfuzz replay</c>), plus a plain curl script of the
/// same requests. Both are written atomically.
/// </summary>
public static class ReplayFile
{
    public static string Save(string directory, ulong seed, Uri url, FuzzFailure failure)
    {
        string name = $"{failure.Rule}-{SequenceJson.Hash(KnownFailures.Key(failure.Rule, failure.Minimal))}";
        string json = Path.Combine(directory, name + ".json");
        AtomicFile.Write(json, stream => WriteJson(stream, seed, url, failure));
        AtomicFile.Write(Path.Combine(directory, name + ".sh"), stream =>
        {
            var bytes = Encoding.UTF8.GetBytes(CurlScript.Of(url, failure.Confirmed));
            stream.Write(bytes);
        });
        return json;
    }

    private static void WriteJson(Stream stream, ulong seed, Uri url, FuzzFailure failure)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteNumber("seed", seed);
        w.WriteString("url", url.AbsoluteUri);
        w.WriteString("rule", failure.Rule);
        w.WriteString("why", failure.Why);
        w.WriteBoolean("reproduced", failure.Reproduced);
        w.WriteString("revision", failure.Minimal.Revision.ToText());
        SequenceJson.WriteSteps(w, failure.Minimal);
        w.WriteString("original", failure.Original.ToString());
        w.WriteStartArray("exchanges");
        foreach (var (step, judged) in failure.Confirmed.Exchanges)
        {
            w.WriteStartObject();
            w.WriteNumber("step", step + 1);
            w.WriteStartArray("lines");
            foreach (var line in ExchangeLines.Of(judged.Exchange)) w.WriteStringValue(line);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Reads the sequence of a replay file back.</summary>
    public static ActionSequence Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        return SequenceJson.Read(doc.RootElement, path);
    }

    public static string RuleOf(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        return doc.RootElement.GetProperty("rule").GetString() ?? "";
    }
}
