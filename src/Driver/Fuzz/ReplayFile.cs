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
        string name = $"{failure.Rule}-{(uint)failure.Minimal.GetHashCode():x8}";
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
        w.WriteStartArray("sequence");
        foreach (var step in failure.Minimal.Steps)
        {
            w.WriteStartObject();
            w.WriteString("kind", step.Kind.ToString());
            w.WriteString("faults", step.Faults.ToString());
            w.WriteNumber("count", step.Count);
            w.WriteNumber("choice", step.Choice);
            w.WriteNumber("pick", step.Pick);
            w.WriteNumber("abortAt", step.AbortAt);
            w.WriteNumber("corpus", step.Corpus);
            w.WriteString("text", step.ToString());
            w.WriteEndObject();
        }

        w.WriteEndArray();
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
        var root = doc.RootElement;
        if (!PeerRevisions.TryParse(root.GetProperty("revision").GetString() ?? "", out var revision))
            throw new FormatException($"{path}: revision is not an MCP revision");
        var steps = root.GetProperty("sequence").EnumerateArray().Select(s => new SequenceStep(
            Enum.Parse<StepKind>(s.GetProperty("kind").GetString()!),
            Enum.Parse<StepFaults>(s.GetProperty("faults").GetString()!),
            s.GetProperty("count").GetByte(),
            s.GetProperty("choice").GetByte(),
            s.GetProperty("pick").GetByte(),
            s.GetProperty("abortAt").GetInt32(),
            s.GetProperty("corpus").GetByte())).ToArray();
        return new ActionSequence(revision, steps);
    }

    public static string RuleOf(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        return doc.RootElement.GetProperty("rule").GetString() ?? "";
    }
}
