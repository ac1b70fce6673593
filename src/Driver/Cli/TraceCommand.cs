using System.CommandLine;
using McpFuzz.Driver.Reports;
using McpFuzz.Driver.Server;
using McpFuzz.Driver.Wire;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Driver.Cli;

/// <summary><c>mcpfuzz trace FILE</c>: judge recorded traffic (wire log, HAR, curl -v) offline with
/// the same server oracle as <c>mcpfuzz server</c>.</summary>
public static class TraceCommand
{
    public static Command Create(Terminal terminal)
    {
        var file = new Argument<string>("FILE") { Description = "A wire log (JSON lines), a HAR file, or curl -v output." };
        var revision = RevisionOption.Create("The revision the server is judged by (default 2025-11-25).");
        var failOn = Options.Choice("--fail-on", "-f", ["must", "should"], "should", "Exit 1 when a finding at this level or above was made.");
        var command = new Command("trace", "Check a recorded exchange offline: every answer is judged by the server machine of the revision.") { file, revision, failOn };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(file)!;
            if (!File.Exists(path)) throw new UsageException($"FILE: '{path}' does not exist");
            var traffic = RecordedTraffic.Read(path);
            foreach (var problem in traffic.Problems) terminal.Error.WriteLine($"mcpfuzz: {path}: {problem}");
            var rev = parse.GetValue(revision) ?? Revision.V2025_11_25;
            var level = parse.GetValue(failOn) == "must" ? RuleLevel.Must : RuleLevel.Should;
            var report = Judge(path, traffic.Exchanges, rev);
            ConsoleReport.Write(report, terminal.Out, ColorChoice.ForStandardOutput(), level);
            return report.Fails(level) ? ExitCodes.Findings : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Judges each exchange in order; the trace is one scenario named after the file.</summary>
    public static RunReport Judge(string name, IReadOnlyList<WireExchange> exchanges, Revision revision)
    {
        var peer = (PeerRevision)(int)revision;
        var judge = new ExchangeJudge(peer, revision);
        var findings = new List<Finding>();
        var rules = new HashSet<string>();
        foreach (var exchange in exchanges)
        {
            var judged = judge.Judge(exchange);
            if (judged.Judgement is not { } verdict) continue;
            foreach (var rule in verdict.Checked) rules.Add(rule);
            foreach (var d in verdict.Deviations)
                findings.Add(JudgementReport.Finding(d.Rule, d.Observed, d.Expected, revision, "trace", ExchangeLines.Of(exchange)));
        }

        var scenario = new ScenarioResult(Path.GetFileName(name), revision, JudgementReport.RulesChecked(rules, revision), findings, TimeSpan.Zero);
        return new RunReport(name, DateTimeOffset.UtcNow, TimeSpan.Zero, [scenario]);
    }
}
