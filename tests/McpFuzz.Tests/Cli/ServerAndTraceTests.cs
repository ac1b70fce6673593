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
}
