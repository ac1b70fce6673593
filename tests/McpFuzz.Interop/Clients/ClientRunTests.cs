namespace McpFuzz.Interop.Clients;

/// <summary>
/// <c>mcpfuzz client</c> against the real SDK clients, run as a user runs it: exactly the findings
/// of <see cref="ClientExpectation"/> (rule by rule, per scenario), the scenarios that do not
/// apply, and the exit code that follows from them.
/// </summary>
public class ClientRunTests
{
    /// <summary>Each scenario's client runs at most this long; the SDK clients finish in about a second.</summary>
    private const int ScenarioTimeoutSeconds = 20;

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(160);

    public static TheoryData<ClientKind> Clients() => new(Enum.GetValues<ClientKind>());

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task Client_run_reports_exactly_the_clients_deviations(ClientKind kind)
    {
        var expected = ClientExpectation.For(kind);
        using var timeout = new CancellationTokenSource(Bound);

        var run = await ClientCli.RunAsync(expected.Command, ScenarioTimeoutSeconds, timeout.Token, expected.Scenarios);

        // Which rules each scenario found, not how often: a client with a GET stream and a POST in
        // flight can break the same rule once or twice, depending on timing.
        var found = run.Report.Findings.Select(f => $"{f.Scenario} {f.Rule}").Distinct().Order().ToArray();
        Assert.True(expected.Findings.Order().SequenceEqual(found), $"expected [{string.Join(", ", expected.Findings)}], found [{string.Join(", ", found)}]{Environment.NewLine}{run}");
        Assert.Equal(expected.Skipped.Order(), run.Report.Scenarios.Where(s => s.Skipped is not null).Select(s => s.Name).Order());

        // Every scenario that ran held the client to some rule.
        Assert.All(run.Report.Scenarios.Where(s => s.Skipped is null), s => Assert.NotEmpty(s.RulesChecked));
        bool must = run.Report.Findings.Any(f => f.Level == "MUST");
        Assert.Equal(must ? 1 : 0, run.ExitCode);
    }
}
