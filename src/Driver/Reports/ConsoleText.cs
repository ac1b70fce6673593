using System.Globalization;
using System.Text;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Driver.Reports;

/// <summary>How a scenario ended, judged against the level a run fails on.</summary>
public enum ScenarioOutcome
{
    Pass,
    Fail,
    Skipped,
}

/// <summary>The words the console report and the progress lines share, so that a scenario reads
/// the same in both: its outcome, its findings by level, its duration, and text from a peer made
/// safe to print.</summary>
public static class ConsoleText
{
    /// <summary>A skipped scenario neither passes nor fails; one with a finding at or above
    /// <paramref name="failOn"/> fails; findings below it are shown but do not fail it.</summary>
    public static ScenarioOutcome Outcome(ScenarioResult scenario, RuleLevel failOn) =>
        scenario.Skipped is not null ? ScenarioOutcome.Skipped
        : scenario.Findings.Any(f => f.Level <= failOn) ? ScenarioOutcome.Fail
        : ScenarioOutcome.Pass;

    /// <summary>"pass", "FAIL" (capitals, to be found in a long log) or "skipped: REASON".</summary>
    public static string OutcomeText(ScenarioResult scenario, RuleLevel failOn) => Outcome(scenario, failOn) switch
    {
        ScenarioOutcome.Skipped => "skipped: " + Printable(scenario.Skipped!),
        ScenarioOutcome.Fail => "FAIL",
        _ => "pass",
    };

    public static string LevelText(RuleLevel level) => level.ToString().ToUpperInvariant();

    /// <summary>"1 MUST, 2 SHOULD", naming only the levels that occur; "none" without findings.</summary>
    public static string CountsByLevel(IEnumerable<Finding> findings)
    {
        var counts = findings.GroupBy(f => f.Level).OrderBy(g => g.Key).Select(g => $"{g.Count()} {LevelText(g.Key)}").ToList();
        return counts.Count == 0 ? "none" : string.Join(", ", counts);
    }

    /// <summary>Milliseconds under a second, then seconds with one decimal; the same text on every
    /// machine whatever its culture.</summary>
    public static string Duration(TimeSpan elapsed) => elapsed < TimeSpan.FromSeconds(1)
        ? string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (long)elapsed.TotalMilliseconds)} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:F1} s");

    /// <summary>Text that came from the server under test, spelled so that it cannot move the
    /// cursor, change colours or break a line: control and format characters (escape, carriage
    /// return, bidirectional overrides) are written as visible escapes.</summary>
    public static string Printable(string text)
    {
        if (!text.Any(NeedsEscape)) return text;
        var printable = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            if (!NeedsEscape(c)) printable.Append(c);
            else if (c == '\n') printable.Append("\\n");
            else if (c == '\r') printable.Append("\\r");
            else if (c == '\t') printable.Append("\\t");
            else printable.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
        }

        return printable.ToString();
    }

    private static bool NeedsEscape(char c) => char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
