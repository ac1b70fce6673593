using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using McpFuzz.Driver.Reports;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Tests.Driver;

/// <summary>Every report format is generated from one result model and says the same thing.</summary>
public sealed class ReportTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mcpfuzz-reports-" + Guid.NewGuid().ToString("N"));

    private static readonly Finding Terminated = new("session.expired-404", RuleLevel.Must, Revision.V2025_06_18, "terminated-session",
        "400 for a request with a terminated session id", "404 Not Found",
        ["POST /mcp tools/call Mcp-Session-Id: abc", "HTTP/1.1 400 Bad Request"]);

    private static readonly Finding Header = new("version.header-missing-default", RuleLevel.Should, Revision.V2025_06_18, "missing-protocol-version",
        "applied 2025-06-18 to a request without MCP-Protocol-Version", "assume 2025-03-26", []);

    private static RunReport Sample() => new("http://127.0.0.1:3001/mcp", DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(2),
    [
        new ScenarioResult("terminated-session", Revision.V2025_06_18, ["session.expired-404", "session.delete"], [Terminated], TimeSpan.FromSeconds(0.5)),
        new ScenarioResult("missing-protocol-version", Revision.V2025_06_18, ["version.header-missing-default"], [Header], TimeSpan.FromSeconds(0.5)),
        new ScenarioResult("batch-accepted", Revision.V2025_03_26, ["jsonrpc.batch-shape"], [], TimeSpan.FromSeconds(0.5)),
        new ScenarioResult("get-stream", Revision.V2026_07_28, [], [], TimeSpan.Zero, Skipped: "server speaks no 2026-07-28"),
    ]);

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private string Written(ReportFormat format)
    {
        string path = Path.Combine(_directory, "report." + format);
        ReportWriters.Write(Sample(), new ReportTarget(format, path));
        return File.ReadAllText(path);
    }

    [Theory]
    [InlineData(RuleLevel.Must)]
    [InlineData(RuleLevel.Should)]
    [InlineData(RuleLevel.May)]
    public void A_must_finding_fails_at_every_level(RuleLevel failOn) => Assert.True(Sample().Fails(failOn));

    [Fact]
    public void A_should_finding_fails_only_when_asked()
    {
        var report = Sample() with { Scenarios = [Sample().Scenarios[1]] };
        Assert.False(report.Fails(RuleLevel.Must));
        Assert.True(report.Fails(RuleLevel.Should));
    }

    [Fact]
    public void JUnit_has_a_suite_per_revision_and_a_case_per_rule_with_findings_as_failures()
    {
        var xml = XDocument.Parse(Written(ReportFormat.JUnit));
        var suites = xml.Root!.Elements("testsuite").ToList();
        Assert.Equal(["2025-03-26", "2025-06-18", "2026-07-28"], suites.Select(s => (string)s.Attribute("name")!));

        var june = suites[1];
        Assert.Equal("3", (string)june.Attribute("tests")!);
        Assert.Equal("2", (string)june.Attribute("failures")!);
        var failed = june.Elements("testcase").Single(c => (string)c.Attribute("name")! == "session.expired-404");
        Assert.Equal("MUST", (string)failed.Element("failure")!.Attribute("type")!);
        Assert.Contains("HTTP/1.1 400 Bad Request", failed.Element("failure")!.Value);
        Assert.Null(june.Elements("testcase").Single(c => (string)c.Attribute("name")! == "session.delete").Element("failure"));
        Assert.NotNull(suites[2].Element("testcase")!.Element("skipped"));
    }

    [Fact]
    public void Sarif_is_2_1_0_with_catalog_rules_and_levels()
    {
        using var sarif = JsonDocument.Parse(Written(ReportFormat.Sarif));
        var root = sarif.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        Assert.Equal(SarifReport.Schema, root.GetProperty("$schema").GetString());
        var run = root.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(["session.expired-404", "version.header-missing-default"], rules.Select(r => r.GetProperty("id").GetString()));
        Assert.All(rules, r => Assert.NotNull(RuleCatalog.Find(r.GetProperty("id").GetString()!)));
        Assert.StartsWith("https://modelcontextprotocol.io/specification/", rules[0].GetProperty("helpUri").GetString());

        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["error", "warning"], results.Select(r => r.GetProperty("level").GetString()));
        foreach (var result in results)
            Assert.Equal(result.GetProperty("ruleId").GetString(), rules[result.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
    }

    [Fact]
    public void Json_holds_every_scenario_and_finding()
    {
        using var json = JsonDocument.Parse(Written(ReportFormat.Json));
        var scenarios = json.RootElement.GetProperty("scenarios").EnumerateArray().ToList();
        Assert.Equal(4, scenarios.Count);
        Assert.Equal("server speaks no 2026-07-28", scenarios[3].GetProperty("skipped").GetString());
        var finding = scenarios[0].GetProperty("findings")[0];
        Assert.Equal(("session.expired-404", "MUST", "2025-06-18"), (finding.GetProperty("rule").GetString(), finding.GetProperty("level").GetString(), finding.GetProperty("revision").GetString()));
    }

    [Fact]
    public void Markdown_has_a_table_per_revision_and_each_finding_with_its_exchange()
    {
        string markdown = Written(ReportFormat.Markdown);
        Assert.Contains("## 2025-06-18\n\n| Scenario | Rules checked | Findings |", markdown);
        Assert.Contains("| terminated-session | 2 | `session.expired-404` (MUST) |", markdown);
        Assert.Contains("| get-stream | 0 | skipped: server speaks no 2026-07-28 |", markdown);
        Assert.Contains("```\nPOST /mcp tools/call Mcp-Session-Id: abc\nHTTP/1.1 400 Bad Request\n```", markdown);
    }

    [Theory]
    [InlineData("sarif:out.sarif", ReportFormat.Sarif, "out.sarif")]
    [InlineData("JUnit:results/junit.xml", ReportFormat.JUnit, "results/junit.xml")]
    [InlineData("md:C:/summary.md", ReportFormat.Markdown, "C:/summary.md")]
    public void Report_targets_parse(string text, ReportFormat format, string path)
    {
        Assert.Equal(new ReportTarget(format, path), ReportTarget.Parse(text, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("out.sarif", "is not FORMAT:PATH")]
    [InlineData("html:out.html", "'html' is not a report format")]
    [InlineData("json:", "is not FORMAT:PATH")]
    public void Bad_report_targets_say_why(string text, string reason)
    {
        Assert.Null(ReportTarget.Parse(text, out var error));
        Assert.Contains(reason, error);
    }
}
