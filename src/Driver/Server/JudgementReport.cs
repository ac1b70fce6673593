using McpFuzz.Driver.Reports;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Driver.Server;

/// <summary>Oracle verdicts as report entries, the same for live runs and traces: a finding takes
/// its level from the catalog, and only rules of the judged revision count as checked.</summary>
public static class JudgementReport
{
    public static Finding Finding(string ruleId, string observed, string expected, Revision revision, string scenario, IReadOnlyList<string> exchange) =>
        new(ruleId, RuleCatalog.Find(ruleId)?.Level ?? RuleLevel.Must, revision, scenario, observed, expected, exchange);

    /// <param name="findings">Their rules always count as checked: a server newer than the revision
    /// of the conversation is held to its own rules (a 2025-11-25 server owes 403 to a foreign Origin
    /// whichever client asks).</param>
    public static IReadOnlyList<string> RulesChecked(IEnumerable<string> ids, Revision revision, IEnumerable<Finding>? findings = null) =>
        ids.Distinct()
            .Where(id => RuleCatalog.Find(id)?.AppliesTo(revision) ?? false)
            .Union(findings?.Select(f => f.RuleId) ?? [])
            .Order(StringComparer.Ordinal).ToArray();
}
