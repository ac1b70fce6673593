using McpFuzz.Model.Revisions;

namespace McpFuzz.Driver.Reports;

/// <summary>One line per finished scenario, for standard error:
/// <c>[12/40] 2025-06-18 session-expired            pass (35 ms)</c>. Whole lines only, never a
/// carriage return or a cursor movement, so that a CI log reads the same as the terminal did.</summary>
/// <remarks>A start writes nothing: a line per start would double the output, and a line that
/// is later rewritten is what this class avoids. The counter counts finished scenarios, so it
/// ends at <c>[total/total]</c> even when scenarios run in parallel.</remarks>
public sealed class ConsoleProgress(TextWriter error, int total, RuleLevel failOn = RuleLevel.Must) : IScenarioProgress
{
    /// <summary>Names are padded to this width so that results line up in the usual case.</summary>
    private const int NameWidth = 32;

    private readonly Lock _gate = new();
    private int _finished;
    private int _total = total;

    public void ScenarioStarted(string name, Revision revision)
    {
    }

    /// <summary>An omitted scenario no longer counts towards the total.</summary>
    public void ScenarioOmitted(string name, Revision revision)
    {
        lock (_gate) _total--;
    }

    public void ScenarioFinished(ScenarioResult result)
    {
        string outcome = ConsoleText.OutcomeText(result, failOn);
        if (result.Skipped is null)
        {
            if (result.Findings.Count > 0) outcome += $": {ConsoleText.CountsByLevel(result.Findings)}";
            outcome += $" ({ConsoleText.Duration(result.Elapsed)})";
        }

        lock (_gate)
        {
            _finished++;
            string counter = _finished.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(_total.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
            error.WriteLine($"[{counter}/{_total}] {result.Revision.ToText()} {ConsoleText.Printable(result.Name).PadRight(NameWidth)} {outcome}");
            error.Flush();
        }
    }
}
