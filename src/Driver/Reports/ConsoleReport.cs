using System.Globalization;
using McpFuzz.Model.Revisions;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace McpFuzz.Driver.Reports;

/// <summary>The report a person reads at the end of <c>mcpfuzz server</c>: a table per revision
/// (scenario, rules checked, findings, result, time), each finding of that revision below its
/// table with the exchange that showed it, and a summary with the verdict.</summary>
/// <remarks>Without colour the output is plain ASCII around the data (an ASCII table border, no
/// escape sequences), and the same for the same report, so logs and tests can search it. Lines
/// are never wrapped: a terminal or log viewer wraps them itself, and a wrapped exchange line
/// would read as two.</remarks>
public static class ConsoleReport
{
    /// <summary>Wide enough that Spectre never wraps a line.</summary>
    private const int NoWrapWidth = 1 << 16;

    private static readonly Style Heading = new(decoration: Decoration.Bold);
    private static readonly Style Dim = new(Color.Grey);

    public static void Write(RunReport report, TextWriter output, bool color, RuleLevel failOn = RuleLevel.Must)
    {
        var console = Create(output, color);
        Line(console, ("McpFuzz: ", Heading), (ConsoleText.Printable(report.Target), Heading),
            ($"  (started {report.Started.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}Z)", Dim));

        foreach (var revision in report.Scenarios.GroupBy(s => s.Revision).OrderBy(g => g.Key))
        {
            console.WriteLine();
            Line(console, (revision.Key.ToText(), Heading));
            console.Write(Table(revision, failOn, color));
            var findings = revision.SelectMany(s => s.Findings).ToList();
            if (findings.Count > 0) WriteFindings(console, findings);
        }

        console.WriteLine();
        WriteSummary(console, report, failOn);
    }

    /// <summary>A console that writes to <paramref name="output"/> and decides nothing by itself:
    /// colour, Unicode and width are what the caller asked for, not what the environment (CI
    /// variables, NO_COLOR, the writer's encoding) would make Spectre guess.</summary>
    private static IAnsiConsole Create(TextWriter output, bool color)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = color ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = color ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
            Enrichment = new ProfileEnrichment { UseDefaultEnrichers = false },
            EnvironmentVariables = [],
        });
        console.Profile.Width = NoWrapWidth;
        console.Profile.Capabilities.Unicode = color;
        return console;
    }

    private static Table Table(IEnumerable<ScenarioResult> scenarios, RuleLevel failOn, bool color)
    {
        var table = new Table { Border = color ? TableBorder.Rounded : TableBorder.Ascii, BorderStyle = Dim };
        table.AddColumn(new TableColumn(new Text("scenario", Heading)));
        table.AddColumn(new TableColumn(new Text("rules checked", Heading)).RightAligned());
        table.AddColumn(new TableColumn(new Text("findings", Heading)));
        table.AddColumn(new TableColumn(new Text("result", Heading)));
        table.AddColumn(new TableColumn(new Text("time", Heading)).RightAligned());
        foreach (var s in scenarios)
        {
            bool skipped = s.Skipped is not null;
            table.AddRow(
                new Text(ConsoleText.Printable(s.Name)),
                new Text(s.RulesChecked.Count.ToString(CultureInfo.InvariantCulture)),
                Findings(s),
                new Text(ConsoleText.OutcomeText(s, failOn), OutcomeStyle(ConsoleText.Outcome(s, failOn))),
                new Text(skipped ? "-" : ConsoleText.Duration(s.Elapsed), Dim));
        }

        return table;
    }

    /// <summary>The scenario's findings counted by level, each level in its colour.</summary>
    private static IRenderable Findings(ScenarioResult scenario)
    {
        if (scenario.Skipped is not null) return new Text("-", Dim);
        if (scenario.Findings.Count == 0) return new Text("none", Dim);
        var text = new Paragraph();
        bool first = true;
        foreach (var level in scenario.Findings.GroupBy(f => f.Level).OrderBy(g => g.Key))
        {
            if (!first) text.Append(", ");
            text.Append($"{level.Count()} {ConsoleText.LevelText(level.Key)}", LevelStyle(level.Key));
            first = false;
        }

        return text;
    }

    private static void WriteFindings(IAnsiConsole console, List<Finding> findings)
    {
        foreach (var f in findings)
        {
            console.WriteLine();
            string level = ConsoleText.LevelText(f.Level);
            Line(console, ("  " + level, LevelStyle(f.Level)), (new string(' ', "SHOULD".Length + 2 - level.Length), Style.Plain), (f.RuleId, Heading),
                ("  in " + ConsoleText.Printable(f.Scenario), Style.Plain));
            Line(console, ("    observed: ", Dim), (ConsoleText.Printable(f.Observed), Style.Plain));
            Line(console, ("    expected: ", Dim), (ConsoleText.Printable(f.Expected), Style.Plain));
            if (f.Exchange.Count == 0) continue;
            Line(console, ("    exchange:", Dim));
            foreach (var line in f.Exchange) Line(console, ("      " + ConsoleText.Printable(line), Style.Plain));
        }
    }

    private static void WriteSummary(IAnsiConsole console, RunReport report, RuleLevel failOn)
    {
        int skipped = report.Scenarios.Count(s => s.Skipped is not null);
        int rules = report.Scenarios.SelectMany(s => s.RulesChecked).Distinct(StringComparer.Ordinal).Count();
        var findings = report.Findings.ToList();
        Line(console, ("summary", Heading));
        Line(console, ("  scenarios:     ", Dim), ($"{report.Scenarios.Count - skipped} run, {skipped} skipped", Style.Plain));
        Line(console, ("  rules checked: ", Dim), ($"{rules} distinct", Style.Plain));
        Line(console, ("  findings:      ", Dim), (string.Join(", ", Enum.GetValues<RuleLevel>().Select(l => $"{findings.Count(f => f.Level == l)} {ConsoleText.LevelText(l)}")), Style.Plain));
        Line(console, ("  elapsed:       ", Dim), (ConsoleText.Duration(report.Elapsed), Style.Plain));

        int failing = findings.Count(f => f.Level <= failOn);
        string levels = string.Join(" or ", Enum.GetValues<RuleLevel>().Where(l => l <= failOn).Select(ConsoleText.LevelText));
        var verdict = failing > 0
            ? ($"FAIL: {failing} finding(s) at {levels}", OutcomeStyle(ScenarioOutcome.Fail))
            : ($"pass: no finding at {levels}", OutcomeStyle(ScenarioOutcome.Pass));
        Line(console, ("  verdict:       ", Dim), verdict, ($" (fails on {ConsoleText.LevelText(failOn)})", Dim));
    }

    /// <summary>One line of styled parts. Text goes in as <see cref="Text"/>, never as markup, so
    /// brackets from a server are printed, not interpreted.</summary>
    private static void Line(IAnsiConsole console, params (string Text, Style Style)[] parts)
    {
        var line = new Paragraph();
        foreach (var (text, style) in parts) line.Append(text, style);
        console.Write(line);
        console.WriteLine();
    }

    private static Style LevelStyle(RuleLevel level) => level switch
    {
        RuleLevel.Must => new Style(Color.Red, decoration: Decoration.Bold),
        RuleLevel.Should => new Style(Color.Yellow),
        _ => new Style(Color.Blue),
    };

    private static Style OutcomeStyle(ScenarioOutcome outcome) => outcome switch
    {
        ScenarioOutcome.Fail => new Style(Color.Red, decoration: Decoration.Bold),
        ScenarioOutcome.Pass => new Style(Color.Green),
        _ => new Style(Color.Yellow),
    };
}
