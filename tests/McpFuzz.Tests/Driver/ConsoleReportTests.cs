using McpFuzz.Driver.Reports;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Tests.Driver;

/// <summary>The console report and the progress lines: what a person reads at the end of a run
/// and while it goes, with and without colour.</summary>
public sealed class ConsoleReportTests
{
    private static readonly Finding Terminated = new("session.expired-404", RuleLevel.Must, Revision.V2025_06_18, "terminated-session",
        "400 for a request with a terminated session id", "404 Not Found",
        ["POST /mcp tools/call Mcp-Session-Id: abc", "HTTP/1.1 400 Bad Request"]);

    private static readonly Finding Header = new("version.header-missing-default", RuleLevel.Should, Revision.V2025_06_18, "missing-protocol-version",
        "applied 2025-06-18 to a request without MCP-Protocol-Version", "assume 2025-03-26", []);

    private static readonly Finding Delete = new("session.delete-405", RuleLevel.May, Revision.V2025_03_26, "delete-session",
        "500 for DELETE", "405 Method Not Allowed when clients may not end sessions",
        ["DELETE /mcp Mcp-Session-Id: abc", "HTTP/1.1 500 Internal Server Error"]);

    private static RunReport Sample() => new("http://127.0.0.1:3001/mcp", DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(2.5),
    [
        new ScenarioResult("terminated-session", Revision.V2025_06_18, ["session.expired-404", "session.delete"], [Terminated], TimeSpan.FromMilliseconds(35)),
        new ScenarioResult("missing-protocol-version", Revision.V2025_06_18, ["version.header-missing-default"], [Header], TimeSpan.FromSeconds(1.25)),
        new ScenarioResult("delete-session", Revision.V2025_03_26, ["session.delete-405", "session.expired-404"], [Delete], TimeSpan.FromMilliseconds(12)),
        new ScenarioResult("batch-accepted", Revision.V2025_03_26, ["jsonrpc.batch-shape"], [], TimeSpan.FromMilliseconds(8)),
        new ScenarioResult("get-stream", Revision.V2026_07_28, [], [], TimeSpan.Zero, Skipped: "server speaks no 2026-07-28"),
    ]);

    private static string Render(RunReport report, bool color = false, RuleLevel failOn = RuleLevel.Must)
    {
        var output = new StringWriter();
        ConsoleReport.Write(report, output, color, failOn);
        return output.ToString().ReplaceLineEndings("\n");
    }

    /// <summary>The table row of a scenario, its cells trimmed, without the border.</summary>
    private static string[] Row(string text, string scenario) =>
        text.Split('\n').First(l => l.StartsWith("| " + scenario + " ", StringComparison.Ordinal))
            .Trim('|').Split('|').Select(c => c.Trim()).ToArray();

    [Fact]
    public void Each_revision_has_its_table_in_revision_order()
    {
        string text = Render(Sample());
        int march = text.IndexOf("\n2025-03-26\n", StringComparison.Ordinal);
        int june = text.IndexOf("\n2025-06-18\n", StringComparison.Ordinal);
        int july = text.IndexOf("\n2026-07-28\n", StringComparison.Ordinal);
        Assert.True(march > 0 && june > march && july > june, text);
        Assert.Equal(3, text.Split('\n').Count(l => l.StartsWith("| scenario ", StringComparison.Ordinal)));

        // A scenario's row sits under its revision's heading, before the next one.
        int row = text.IndexOf("| terminated-session ", StringComparison.Ordinal);
        Assert.True(row > june && row < july);
        Assert.Equal(["scenario", "rules checked", "findings", "result", "time"], Row(text.Split("\n2025-06-18\n")[1], "scenario"));
    }

    [Fact]
    public void Rows_give_rules_checked_findings_result_and_time()
    {
        string text = Render(Sample());
        Assert.Equal(["terminated-session", "2", "1 MUST", "FAIL", "35 ms"], Row(text, "terminated-session"));
        Assert.Equal(["missing-protocol-version", "1", "1 SHOULD", "pass", "1.2 s"], Row(text, "missing-protocol-version"));
        Assert.Equal(["batch-accepted", "1", "none", "pass", "8 ms"], Row(text, "batch-accepted"));
        Assert.Equal(["get-stream", "0", "-", "skipped: server speaks no 2026-07-28", "-"], Row(text, "get-stream"));
    }

    [Fact]
    public void A_finding_below_the_fail_on_level_fails_its_scenario_only_when_asked()
    {
        Assert.Equal("pass", Row(Render(Sample(), failOn: RuleLevel.Must), "missing-protocol-version")[3]);
        Assert.Equal("FAIL", Row(Render(Sample(), failOn: RuleLevel.Should), "missing-protocol-version")[3]);
        Assert.Equal("pass", Row(Render(Sample(), failOn: RuleLevel.Should), "delete-session")[3]);
        Assert.Equal("FAIL", Row(Render(Sample(), failOn: RuleLevel.May), "delete-session")[3]);
    }

    [Fact]
    public void Each_finding_follows_its_revisions_table_with_its_exchange_indented()
    {
        string text = Render(Sample());
        Assert.Contains(
            "  MUST    session.expired-404  in terminated-session\n" +
            "    observed: 400 for a request with a terminated session id\n" +
            "    expected: 404 Not Found\n" +
            "    exchange:\n" +
            "      POST /mcp tools/call Mcp-Session-Id: abc\n" +
            "      HTTP/1.1 400 Bad Request\n", text);
        Assert.Contains(
            "  SHOULD  version.header-missing-default  in missing-protocol-version\n" +
            "    observed: applied 2025-06-18 to a request without MCP-Protocol-Version\n" +
            "    expected: assume 2025-03-26\n", text);
        Assert.DoesNotContain("in missing-protocol-version\n    observed: applied 2025-06-18 to a request without MCP-Protocol-Version\n    expected: assume 2025-03-26\n    exchange:", text);
        Assert.Contains("  MAY     session.delete-405  in delete-session\n", text);

        // The March finding comes after the March table and before the June heading.
        int may = text.IndexOf("session.delete-405  in", StringComparison.Ordinal);
        Assert.True(may > text.IndexOf("| delete-session ", StringComparison.Ordinal) && may < text.IndexOf("\n2025-06-18\n", StringComparison.Ordinal));
    }

    [Fact]
    public void The_summary_counts_scenarios_distinct_rules_and_findings_by_level()
    {
        string text = Render(Sample());
        string summary = text[text.IndexOf("\nsummary\n", StringComparison.Ordinal)..];
        Assert.Contains("  scenarios:     4 run, 1 skipped\n", summary);
        Assert.Contains("  rules checked: 5 distinct\n", summary);
        Assert.Contains("  findings:      1 MUST, 1 SHOULD, 1 MAY\n", summary);
        Assert.Contains("  elapsed:       2.5 s\n", summary);
    }

    [Theory]
    [InlineData(RuleLevel.Must, "FAIL: 1 finding(s) at MUST (fails on MUST)")]
    [InlineData(RuleLevel.Should, "FAIL: 2 finding(s) at MUST or SHOULD (fails on SHOULD)")]
    [InlineData(RuleLevel.May, "FAIL: 3 finding(s) at MUST or SHOULD or MAY (fails on MAY)")]
    public void The_verdict_counts_the_findings_at_or_above_the_fail_on_level(RuleLevel failOn, string verdict) =>
        Assert.Contains("  verdict:       " + verdict + "\n", Render(Sample(), failOn: failOn));

    [Fact]
    public void Without_findings_at_the_level_the_verdict_is_pass()
    {
        var report = Sample() with { Scenarios = [.. Sample().Scenarios.Where(s => s.Findings.All(f => f.Level != RuleLevel.Must))] };
        Assert.Contains("  verdict:       pass: no finding at MUST (fails on MUST)\n", Render(report));
    }

    [Fact]
    public void Plain_output_is_ascii_without_escape_sequences()
    {
        string text = Render(Sample());
        Assert.DoesNotContain('\u001b', text);
        Assert.All(text, c => Assert.True(c < 128, $"'{c}' (U+{(int)c:X4}) is not ASCII"));
    }

    [Fact]
    public void Colour_output_has_escape_sequences_and_the_same_words()
    {
        string text = Render(Sample(), color: true);
        Assert.Contains("\u001b[", text);
        Assert.Contains("session.expired-404", text);
        Assert.Contains("      HTTP/1.1 400 Bad Request", text);
        Assert.Contains("skipped: server speaks no 2026-07-28", text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Text_from_the_server_cannot_inject_escapes_or_lines(bool color)
    {
        var hostile = new Finding("session.expired-404", RuleLevel.Must, Revision.V2025_06_18, "terminated-session",
            "body \u001b[2J\rcleared", "404 [bold]Not Found[/]", ["HTTP/1.1 400 Bad\nInjected: yes\u202e"]);
        var report = Sample() with { Scenarios = [Sample().Scenarios[0] with { Findings = [hostile] }] };
        string text = Render(report, color);
        Assert.DoesNotContain("\u001b[2J", text);
        Assert.DoesNotContain('\r', text);
        Assert.DoesNotContain('\u202e', text);
        Assert.Contains("body \\u001b[2J\\rcleared", text);
        Assert.Contains("404 [bold]Not Found[/]", text);
        Assert.Contains("      HTTP/1.1 400 Bad\\nInjected: yes\\u202e", text);
    }

    [Fact]
    public void Progress_writes_one_line_per_finished_scenario()
    {
        var error = new StringWriter();
        var progress = new ConsoleProgress(error, total: 12);
        foreach (var s in Sample().Scenarios)
        {
            progress.ScenarioStarted(s.Name, s.Revision);
            progress.ScenarioFinished(s);
        }

        var lines = error.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal(5, lines.Length);
        Assert.Equal("[ 1/12] 2025-06-18 terminated-session", lines[0][..37]);
        Assert.EndsWith(" FAIL: 1 MUST (35 ms)", lines[0]);
        Assert.EndsWith(" pass: 1 SHOULD (1.2 s)", lines[1]);
        Assert.StartsWith("[ 4/12] 2025-03-26 batch-accepted ", lines[3]);
        Assert.EndsWith(" pass (8 ms)", lines[3]);
        Assert.Equal("[ 5/12] 2026-07-28 get-stream                       skipped: server speaks no 2026-07-28", lines[4]);
        Assert.DoesNotContain('\r', error.ToString());
    }

    [Fact]
    public void Progress_counts_scenarios_finished_on_several_threads()
    {
        var error = new StringWriter();
        var progress = new ConsoleProgress(error, total: 200);
        var scenario = Sample().Scenarios[3];
        Parallel.For(0, 200, _ => progress.ScenarioFinished(scenario));
        var counters = error.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').Select(l => l[..9]).ToList();
        Assert.Equal(Enumerable.Range(1, 200).Select(i => $"[{i,3}/200]"), counters);
    }
}
