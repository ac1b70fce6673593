using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using McpFuzz.Fuzzer.Sequences;
using McpFuzz.Model.Machines.Peers;

namespace McpFuzz.Driver.Fuzz;

/// <summary>A sequence as JSON (the revision and every step's fields, plus the step's text for a
/// reader), shared by replay files and corpus files; and the content hash that names both.</summary>
public static class SequenceJson
{
    public static void WriteSteps(Utf8JsonWriter w, ActionSequence sequence)
    {
        w.WriteStartArray("sequence");
        foreach (var step in sequence.Steps)
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
    }

    /// <summary>The sequence of a document with <c>revision</c> and <c>sequence</c> members.
    /// Throws <see cref="FormatException"/>, <see cref="KeyNotFoundException"/>, <see cref="InvalidOperationException"/>
    /// or <see cref="ArgumentException"/> on a document of another shape.</summary>
    public static ActionSequence Read(JsonElement root, string path)
    {
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

    /// <summary>A stable name for a text (the canonical text of a sequence, with a rule for a
    /// failure): the first 16 hex digits of its SHA-256, the same in every process.</summary>
    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
