using McpFuzz.Model.Revisions;

namespace McpFuzz.Driver.Reports;

/// <summary>One rule a scenario saw broken: which rule, under which revision, what happened, what
/// a conforming peer would have done, and the exchange that showed it (request, response head,
/// the SSE events as decoded), one line each.</summary>
public sealed record Finding(string RuleId, RuleLevel Level, Revision Revision, string Scenario, string Observed, string Expected, IReadOnlyList<string> Exchange);

/// <summary>One scenario run against one revision: the rules it could observe and the findings.
/// A scenario that could not run says why in <paramref name="Skipped"/>.</summary>
public sealed record ScenarioResult(string Name, Revision Revision, IReadOnlyList<string> RulesChecked, IReadOnlyList<Finding> Findings, TimeSpan Elapsed, string? Skipped = null);

/// <summary>Everything one run found: what was tested, when, and each scenario's result. Every
/// report format is generated from this.</summary>
public sealed record RunReport(string Target, DateTimeOffset Started, TimeSpan Elapsed, IReadOnlyList<ScenarioResult> Scenarios)
{
    /// <summary>What detection found for each revision asked about (empty for a trace).</summary>
    public IReadOnlyList<DetectedRevision> Detected { get; init; } = [];

    public IEnumerable<Finding> Findings => Scenarios.SelectMany(s => s.Findings);

    /// <summary>Whether a finding at or above <paramref name="failOn"/> was made (MUST is the highest level).</summary>
    public bool Fails(RuleLevel failOn) => Findings.Any(f => f.Level <= failOn);
}

/// <summary>Whether the server speaks a revision, and how detection saw it (the transport and the
/// version negotiated, or why not).</summary>
public sealed record DetectedRevision(Revision Revision, bool Speaks, string Note);
