using McpFuzz.Driver.Reference;
using McpFuzz.Driver.Reports;
using McpFuzz.Driver.Server;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Revisions;
using Xunit;

namespace McpFuzz.Tests.Cli;

/// <summary>The 2026-07-28 scenarios against the embedded server: it passes conforming (modern-only
/// and dual-era, JSON and SSE replies), and each modern profile fails exactly the rule it breaks.</summary>
public class ModernServerTests
{
    private static readonly string[] New = ["listen", "mrtr", "missing-capability"];

    [Theory]
    [InlineData(ServerProfile.None, ReplyStyle.Sse, new string[0])]
    [InlineData(ServerProfile.None, ReplyStyle.Json, new string[0])]
    [InlineData(ServerProfile.ListenWithoutAck, ReplyStyle.Sse, new[] { "modern.listen-ack-first" })]
    [InlineData(ServerProfile.UntaggedSubscriptionNotifications, ReplyStyle.Sse, new[] { "modern.listen-subscription-id" })]
    [InlineData(ServerProfile.AsksUndeclaredInput, ReplyStyle.Json, new[] { "modern.mrtr-declared-capabilities" })]
    public async Task The_embedded_modern_server_passes_conforming_and_fails_exactly_its_profile(ServerProfile profile, ReplyStyle reply, string[] broken)
    {
        await using var server = await ReferenceServer.StartAsync(PeerRevision.V2026_07_28, profile, reply, 0, CancellationToken.None);
        var run = new ServerRun(server.Url, [Revision.V2026_07_28], ServerScenarios.All, [], ProbeLimits.Default, null);
        var (report, detection) = await run.RunAsync(NoProgress.Instance);
        Assert.True(detection.Reachable);
        Assert.Equal(broken.Order(), report.Findings.Select(f => f.RuleId).Distinct().Order());
        Assert.All(report.Scenarios, s => Assert.Null(s.Skipped));
        Assert.Contains(report.Scenarios, s => s.Name == "mrtr" && s.RulesChecked.Contains("modern.mrtr-not-empty"));
    }

    [Fact]
    public async Task The_embedded_dual_era_server_passes_the_modern_scenarios_after_a_legacy_session()
    {
        await using var server = await ReferenceServer.StartAsync(PeerRevision.DualEra, ServerProfile.None, ReplyStyle.Sse, 0, CancellationToken.None);
        var run = new ServerRun(server.Url, [Revision.V2025_11_25, Revision.V2026_07_28], ServerScenarios.All.Where(s => New.Contains(s.Name)).ToArray(), [], ProbeLimits.Default, null);
        var (report, _) = await run.RunAsync(NoProgress.Instance);
        Assert.Equal(New.Order(), report.Scenarios.Where(s => s.Revision == Revision.V2026_07_28).Select(s => s.Name).Order());
        Assert.Empty(report.Findings);
        Assert.All(report.Scenarios, s => Assert.Null(s.Skipped));
    }
}
