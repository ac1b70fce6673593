using McpFuzz.Driver.Cli;
using McpFuzz.Driver.Reports;
using McpFuzz.Driver.Server;
using McpFuzz.Driver.Wire;
using McpFuzz.Driver.Reference;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Revisions;
using Xunit;

namespace McpFuzz.Tests.Cli;

public class ServerAndTraceTests
{
    [Fact]
    public void The_motivating_trace_shows_the_endpoint_event_on_a_streamable_stream()
    {
        var traffic = RecordedTraffic.Read(Path.Combine(AppContext.BaseDirectory, "Driver", "Fixtures", "legacy-endpoint-in-streamable-post.har"));
        var report = TraceCommand.Judge("motivating", traffic.Exchanges, Revision.V2025_06_18);
        var finding = Assert.Single(report.Findings);
        Assert.Equal("shttp.no-endpoint-event", finding.RuleId);
        Assert.Contains(finding.Exchange, line => line.Contains("event: endpoint"));
    }

    [Theory]
    [InlineData(ServerProfile.None, new string[0])]
    [InlineData(ServerProfile.Status400ForUnknownSession, new[] { "session.expired-404" })]
    [InlineData(ServerProfile.LegacyEndpointInPost, new[] { "shttp.no-endpoint-event" })]
    public async Task The_embedded_server_passes_conforming_and_fails_exactly_its_profile(ServerProfile profile, string[] broken)
    {
        await using var server = await ReferenceServer.StartAsync(PeerRevision.V2025_11_25, profile, ReplyStyle.Sse, 0, CancellationToken.None);
        var run = new ServerRun(server.Url, [Revision.V2025_11_25], ServerScenarios.All, [], ProbeLimits.Default, null);
        var (report, detection) = await run.RunAsync(NoProgress.Instance);
        Assert.True(detection.Reachable);
        Assert.Equal(broken.Order(), report.Findings.Select(f => f.RuleId).Distinct().Order());
        Assert.All(report.Scenarios, s => Assert.Null(s.Skipped));
    }

    [Fact]
    public async Task The_report_says_what_detection_found_and_counts_found_rules_as_checked()
    {
        // A 2025-11-25 server asked about 2024-11-05 (not spoken) and 2025-06-18 (spoken); it
        // accepts a batch, a rule that holds from 2025-06-18 on.
        await using var server = await ReferenceServer.StartAsync(PeerRevision.V2025_11_25, ServerProfile.BatchAfter2025_06_18, ReplyStyle.Sse, 0, CancellationToken.None);
        var scenarios = ServerScenarios.All.Where(s => s.Name is "batch" or "lifecycle").ToArray();
        var run = new ServerRun(server.Url, [Revision.V2024_11_05, Revision.V2025_06_18], scenarios, [], ProbeLimits.Default, null);
        var (report, _) = await run.RunAsync(NoProgress.Instance);

        Assert.Equal([(Revision.V2024_11_05, false), (Revision.V2025_06_18, true)], report.Detected.Select(d => (d.Revision, d.Speaks)));
        Assert.Contains("negotiates 2025-06-18", report.Detected[1].Note);
        var batch = Assert.Single(report.Scenarios, s => s.Name == "batch" && s.Revision == Revision.V2025_06_18);
        Assert.Contains(batch.Findings, f => f.RuleId == "jsonrpc.no-batch");
        Assert.All(report.Findings, f => Assert.Contains(f.RuleId, report.Scenarios.Single(s => s.Name == f.Scenario && s.Revision == f.Revision).RulesChecked));

        using var json = new MemoryStream();
        JsonReport.Write(report, json);
        using var parsed = System.Text.Json.JsonDocument.Parse(json.ToArray());
        var detected = parsed.RootElement.GetProperty("detected");
        Assert.Equal("2025-06-18", detected[1].GetProperty("revision").GetString());
        Assert.True(detected[1].GetProperty("speaks").GetBoolean());
    }
}
