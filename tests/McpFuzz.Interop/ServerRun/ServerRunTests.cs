using McpFuzz.Interop.Fixtures;

namespace McpFuzz.Interop.ServerRun;

/// <summary>
/// <c>mcpfuzz server</c> against every real peer, run as a user runs it (the CLI process with a
/// JSON report): what it detects, exactly which rules it finds broken (see
/// <see cref="PeerExpectations"/> for what each server does on the wire), and that every scenario
/// either ran or says why it did not.
/// </summary>
public class ServerRunTests
{
    /// <summary>The run's <c>--timeout</c>: local peers answer in milliseconds, and a server that never
    /// answers (server-everything's HTTP+SSE POST for an unknown stream) costs this much.</summary>
    private const int ExchangeTimeoutSeconds = 3;

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);

    public static TheoryData<PeerKind> Peers() => new(Enum.GetValues<PeerKind>());

    [Fact]
    public void Every_peer_has_expectations()
    {
        Assert.Equal(Enum.GetValues<PeerKind>().Order(), PeerExpectations.All.Select(e => e.Kind).Order());
    }

    [Theory]
    [MemberData(nameof(Peers))]
    public async Task Server_run_reports_what_the_peer_speaks_and_exactly_its_deviations(PeerKind kind)
    {
        var expected = PeerExpectations.For(kind);
        using var timeout = new CancellationTokenSource(Bound);
        await using var peer = await Peer.StartAsync(kind, timeout.Token);

        var run = await McpFuzzCli.ServerAsync(peer.Url, ExchangeTimeoutSeconds, timeout.Token);

        // Detection: the revisions the server speaks at this URL, and over which transport.
        Assert.Equal(expected.Detected.Keys.Order(), run.Detected.Keys.Order());
        Assert.All(expected.Detected, d => Assert.StartsWith(d.Value, run.Detected[d.Key], StringComparison.Ordinal));

        // Findings: exactly the peer's real deviations, each named by its rule.
        var found = run.Report.Findings.Select(f => new ExpectedFinding(f.Revision, f.Rule, f.Level)).Distinct().OrderBy(f => f.ToString()).ToArray();
        Assert.Equal(expected.Findings.Distinct().OrderBy(f => f.ToString()).Select(f => f.ToString()), found.Select(f => f.ToString()));

        // Every scenario ran (and held the answers to some rule) or was skipped for a stated reason:
        // on revisions the server does not speak, that; on the others, only the expected skips.
        var skipped = new List<ExpectedSkip>();
        foreach (var scenario in run.Report.Scenarios)
        {
            if (!expected.Detected.ContainsKey(scenario.Revision))
            {
                Assert.Equal($"the server does not speak {scenario.Revision} at this URL", scenario.Skipped);
            }
            else if (scenario.Skipped is { } reason)
            {
                skipped.Add(new ExpectedSkip(scenario.Revision, scenario.Name, reason));
            }
            else
            {
                // A finding counts: rules of a newer revision than the scenario's (origin-403 under
                // 2025-03-26) are reported but not listed as checked for that revision.
                Assert.True(scenario.RulesChecked.Count + scenario.Findings.Count > 0, $"{scenario.Revision} {scenario.Name} ran but checked no rule");
            }
        }

        Assert.Equal(expected.Skips.Select(s => s.ToString()).Order(), skipped.Select(s => s.ToString()).Order());
        Assert.Contains(run.Report.Scenarios, s => s.Skipped is null);

        // Exit 1 exactly when a MUST was broken (the default --fail-on must).
        Assert.Equal(expected.FailsOnMust ? 1 : 0, run.ExitCode);
        Assert.False(peer.HasExited, $"{kind} died during the run.{Environment.NewLine}{peer.Stderr}");
    }
}
