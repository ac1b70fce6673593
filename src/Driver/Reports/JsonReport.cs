using System.Text.Encodings.Web;
using System.Text.Json;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Driver.Reports;

/// <summary>The whole result model as JSON, for scripts.</summary>
public static class JsonReport
{
    public static void Write(RunReport report, Stream stream)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteString("target", report.Target);
        w.WriteString("started", report.Started);
        w.WriteNumber("seconds", report.Elapsed.TotalSeconds);
        w.WriteStartArray("detected");
        foreach (var d in report.Detected)
        {
            w.WriteStartObject();
            w.WriteString("revision", d.Revision.ToText());
            w.WriteBoolean("speaks", d.Speaks);
            w.WriteString("note", d.Note);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("scenarios");
        foreach (var s in report.Scenarios)
        {
            w.WriteStartObject();
            w.WriteString("name", s.Name);
            w.WriteString("revision", s.Revision.ToText());
            w.WriteNumber("seconds", s.Elapsed.TotalSeconds);
            if (s.Skipped is not null) w.WriteString("skipped", s.Skipped);
            w.WriteStartArray("rulesChecked");
            foreach (var rule in s.RulesChecked) w.WriteStringValue(rule);
            w.WriteEndArray();
            w.WriteStartArray("findings");
            foreach (var f in s.Findings) WriteFinding(w, f);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteFinding(Utf8JsonWriter w, Finding f)
    {
        w.WriteStartObject();
        w.WriteString("rule", f.RuleId);
        w.WriteString("level", f.Level.ToString().ToUpperInvariant());
        w.WriteString("revision", f.Revision.ToText());
        w.WriteString("scenario", f.Scenario);
        w.WriteString("observed", f.Observed);
        w.WriteString("expected", f.Expected);
        w.WriteStartArray("exchange");
        foreach (var line in f.Exchange) w.WriteStringValue(line);
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
