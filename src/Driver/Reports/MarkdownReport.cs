using System.Text;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Driver.Reports;

/// <summary>Markdown for a CI job summary: a table per revision (scenario, rules checked, findings)
/// and each finding with its exchange.</summary>
public static class MarkdownReport
{
    public static void Write(RunReport report, Stream stream)
    {
        var text = new StringBuilder();
        int findings = report.Findings.Count();
        text.Append("# McpFuzz: ").Append(Cell(report.Target)).Append("\n\n");
        text.Append($"{report.Scenarios.Count} scenario(s), {report.Scenarios.Sum(s => s.RulesChecked.Count)} rule check(s), {findings} finding(s) in {report.Elapsed.TotalSeconds:F1} s.\n");
        foreach (var group in report.Scenarios.GroupBy(s => s.Revision).OrderBy(g => g.Key))
        {
            text.Append("\n## ").Append(group.Key.ToText()).Append("\n\n| Scenario | Rules checked | Findings |\n|---|---:|---|\n");
            foreach (var s in group)
            {
                string outcome = s.Skipped is not null ? "skipped: " + Cell(s.Skipped)
                    : s.Findings.Count == 0 ? "none"
                    : string.Join(", ", s.Findings.Select(f => $"`{f.RuleId}` ({f.Level.ToString().ToUpperInvariant()})"));
                text.Append($"| {Cell(s.Name)} | {s.RulesChecked.Count} | {outcome} |\n");
            }
        }

        foreach (var f in report.Findings)
        {
            text.Append($"\n### `{f.RuleId}` — {f.Revision.ToText()}, {Cell(f.Scenario)}\n\n");
            text.Append($"- observed: {Cell(f.Observed)}\n- expected: {Cell(f.Expected)}\n");
            if (f.Exchange.Count > 0) text.Append("\n```\n").Append(string.Join("\n", f.Exchange).Replace("```", "` ` `")).Append("\n```\n");
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        stream.Write(bytes);
    }

    /// <summary>Text that cannot break a table row or start markup.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ");
}
