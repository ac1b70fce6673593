using System.Text.Encodings.Web;
using System.Text.Json;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Driver.Reports;

/// <summary>SARIF 2.1.0, for code-scanning dashboards: the rules are the catalog's (id, summary,
/// spec link, level), each finding a result with the scenario as its logical location.</summary>
public static class SarifReport
{
    public const string Schema = "https://json.schemastore.org/sarif-2.1.0.json";

    public static void Write(RunReport report, Stream stream)
    {
        var ruleIds = report.Findings.Select(f => f.RuleId).Distinct().OrderBy(id => id, StringComparer.Ordinal).ToList();
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteString("$schema", Schema);
        w.WriteString("version", "2.1.0");
        w.WriteStartArray("runs");
        w.WriteStartObject();

        w.WriteStartObject("tool");
        w.WriteStartObject("driver");
        w.WriteString("name", "McpFuzz");
        w.WriteString("informationUri", "https://modelcontextprotocol.io/specification");
        w.WriteStartArray("rules");
        foreach (var id in ruleIds) WriteRule(w, id, RuleCatalog.Find(id));
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartArray("results");
        foreach (var f in report.Findings)
        {
            w.WriteStartObject();
            w.WriteString("ruleId", f.RuleId);
            w.WriteNumber("ruleIndex", ruleIds.IndexOf(f.RuleId));
            w.WriteString("level", Level(f.Level));
            w.WriteStartObject("message");
            w.WriteString("text", $"{f.Observed} (expected: {f.Expected})");
            w.WriteEndObject();
            w.WriteStartArray("locations");
            w.WriteStartObject();
            w.WriteStartArray("logicalLocations");
            w.WriteStartObject();
            w.WriteString("name", f.Scenario);
            w.WriteString("fullyQualifiedName", $"{report.Target}/{f.Revision.ToText()}/{f.Scenario}");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartObject("properties");
            w.WriteString("revision", f.Revision.ToText());
            w.WriteStartArray("exchange");
            foreach (var line in f.Exchange) w.WriteStringValue(line);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("invocations");
        w.WriteStartObject();
        w.WriteBoolean("executionSuccessful", true);
        w.WriteEndObject();
        w.WriteEndArray();

        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>MUST is an error, SHOULD a warning, MAY a note.</summary>
    public static string Level(RuleLevel level) => level switch
    {
        RuleLevel.Must => "error",
        RuleLevel.Should => "warning",
        _ => "note",
    };

    private static void WriteRule(Utf8JsonWriter w, string id, Rule? rule)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteStartObject("shortDescription");
        w.WriteString("text", rule?.Summary ?? id);
        w.WriteEndObject();
        if (rule is not null && char.IsAsciiDigit(rule.SpecRef[0]))
            w.WriteString("helpUri", "https://modelcontextprotocol.io/specification/" + rule.SpecRef);
        if (rule is not null)
        {
            w.WriteStartObject("defaultConfiguration");
            w.WriteString("level", Level(rule.Level));
            w.WriteEndObject();
            w.WriteStartObject("properties");
            w.WriteString("requirement", rule.Level.ToString().ToUpperInvariant());
            w.WriteString("specRef", rule.SpecRef);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }
}
