using McpFuzz.Driver.Reference;
using McpFuzz.Driver.Reports;
using McpFuzz.Driver.Server;
using McpFuzz.Model.Checking;
using McpFuzz.Model.Machines.Peers;
using Xunit;

namespace McpFuzz.Tests.Cli;

/// <summary>
/// <c>mcpfuzz server --embedded</c> through the API the command uses: the reference server with no
/// profile passes every scenario at every revision, and with each server profile it fails exactly
/// the rules that profile breaks where the profile applies. This is the proof that the scenarios
/// can fail.
/// </summary>
public class EmbeddedProfileTests
{
    /// <summary>Short windows: the reference server answers at once, so listening longer shows nothing more.</summary>
    private static readonly ProbeLimits Limits = new(TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(500));

    private static readonly string[] StreamableRevisions = ["2025-03-26", "2025-06-18", "2025-11-25", "dual-era"];

    /// <summary>
    /// The rule each profile breaks, as a server-side rule the oracle reports. Two differ from the
    /// profile's documented <see cref="ProfileInfo.Breaks"/>, which names the rule of the hazard the
    /// model checker finds between two machines: legacy-endpoint-in-post breaks the server's
    /// shttp.no-endpoint-event (shttp.message-events is the client's rule the hazard exercises), and
    /// rejects-header-on-initialize answers an initialize of a version it speaks with 400, which
    /// breaks lifecycle.version-echo (it applies version.header-invalid-400 where that rule does not reach).
    /// </summary>
    private static readonly Dictionary<string, string> Broken = new()
    {
        ["legacy-endpoint-in-post"] = "shttp.no-endpoint-event",
        ["status-400-for-unknown-session"] = "session.expired-404",
        ["priming-to-old-clients"] = "resume.priming-event",
        ["close-before-response"] = "shttp.no-close-before-response",
        ["batch-after-2025-06-18"] = "jsonrpc.no-batch",
        ["replay-across-streams"] = "resume.same-stream-only",
        ["no-202-for-notifications"] = "shttp.notification-202",
        ["rejects-header-on-initialize"] = "lifecycle.version-echo",
        ["get-answers-400"] = "shttp.get-sse-or-405",
        ["assumes-own-version-when-header-missing"] = "version.header-missing-default",
    };

    /// <summary>Where a profile changes nothing: 2025-03-26 allows batches, and a 2025-03-26 server's
    /// own version is the default a missing header means. HTTP+SSE (2024-11-05) and 2026-07-28 have
    /// none of the mechanisms the profiles change.</summary>
    private static bool Applies(string revision, string profile) =>
        StreamableRevisions.Contains(revision) &&
        !(revision == "2025-03-26" && profile is "batch-after-2025-06-18" or "assumes-own-version-when-header-missing");

    public static TheoryData<string, string> Deviating
    {
        get
        {
            var cases = new TheoryData<string, string>();
            foreach (var revision in StreamableRevisions)
            {
                foreach (var profile in Broken.Keys.Where(p => Applies(revision, p))) cases.Add(revision, profile);
            }

            return cases;
        }
    }

    public static TheoryData<string> AllRevisions => new(PeerRevisions.All.Select(p => p.ToText()));

    [Theory]
    [MemberData(nameof(AllRevisions))]
    public async Task Without_a_profile_every_scenario_passes(string revision)
    {
        var (report, detection) = await RunAsync(revision);

        Assert.True(detection.Missing.Values.All(m => m is null), string.Join("; ", detection.Lines));
        Assert.Empty(report.Findings.Select(f => $"{f.Scenario}: {f.RuleId}: {f.Observed}"));
        Assert.NotEmpty(report.Scenarios);
        Assert.All(report.Scenarios, s => Assert.Null(s.Skipped));
    }

    [Theory]
    [MemberData(nameof(Deviating))]
    public async Task Each_profile_fails_exactly_the_rule_it_breaks(string revision, string profile)
    {
        var (report, detection) = await RunAsync(revision, profile);

        Assert.True(detection.Missing.Values.All(m => m is null), string.Join("; ", detection.Lines));
        Assert.Equal([Broken[profile]], report.Findings.Select(f => f.RuleId).Distinct());
        // The rule is the documented one, except for the two profiles explained at Broken.
        string documented = Profiles.Find(profile)!.Breaks;
        Assert.True(documented.Contains(Broken[profile], StringComparison.Ordinal) || profile is "legacy-endpoint-in-post" or "rejects-header-on-initialize", documented);
    }

    [Theory]
    [InlineData("2024-11-05", "no-202-for-notifications")]
    [InlineData("2024-11-05", "get-answers-400")]
    [InlineData("2026-07-28", "status-400-for-unknown-session")]
    [InlineData("2026-07-28", "batch-after-2025-06-18")]
    public async Task A_profile_changes_nothing_where_its_mechanism_does_not_exist(string revision, string profile)
    {
        var (report, _) = await RunAsync(revision, profile);

        Assert.Empty(report.Findings.Select(f => $"{f.Scenario}: {f.RuleId}: {f.Observed}"));
    }

    [Theory]
    [InlineData("2024-11-05")]
    [InlineData("2025-11-25")]
    [InlineData("2026-07-28")]
    public async Task A_server_requiring_authorization_is_reported_as_such_not_as_absent(string revision)
    {
        var (report, detection) = await RunAsync(revision, "requires-authorization");

        Assert.True(detection.Reachable);
        Assert.Empty(report.Findings);
        // Only authorization discovery can be tested without a token; it runs and passes where a
        // revision defines it (2024-11-05 has no authorization).
        var authorization = report.Scenarios.SingleOrDefault(s => s.Name == AuthorizationScenario.Name);
        Assert.Equal(revision != "2024-11-05", authorization is not null);
        Assert.Null(authorization?.Skipped);
        Assert.All(report.Scenarios.Where(s => s != authorization), s => Assert.Equal(Detection.AuthorizationSkip, s.Skipped));
    }

    private static async Task<(RunReport Report, Detection Detection)> RunAsync(string revision, string? profile = null)
    {
        var side = Pairing.ParseSide(profile is null ? revision : revision + "+" + profile, server: true, out var error) ?? throw new ArgumentException(error);
        await using var target = await EmbeddedTarget.StartAsync(side.Peer, (ServerProfile)side.Profile);
        return await new ServerRun(target.Url, target.Revisions, ServerScenarios.All, [], Limits, null).RunAsync(NoProgress.Instance);
    }
}
