using System.CommandLine;
using McpFuzz.Driver.Client;
using McpFuzz.Driver.Output;
using McpFuzz.Driver.Reports;
using McpFuzz.Driver.Wire;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Driver.Cli;

/// <summary><c>mcpfuzz client -- COMMAND ARGS</c>: test a real MCP client against the reference
/// server, one scenario at a time, judging what it sends with the client oracle.</summary>
public static class ClientCommand
{
    public static Command Create(Terminal terminal)
    {
        var client = new Argument<string[]>("COMMAND") { Description = "The client to run, after --; the server URL is appended as its last argument.", Arity = ArgumentArity.OneOrMore };
        var scenario = new Option<string[]>("--scenario", "-s")
        {
            Description = "Run only these scenarios (repeatable): " + string.Join(", ", ClientScenarios.Names) + ".",
            HelpName = "NAME",
            AllowMultipleArgumentsPerToken = true,
        };
        var revision = new Option<string?>("--revision", "-r")
        {
            Description = "Hold the client to this revision (YYYY-MM-DD or dual-era); default: the newest version it offers in initialize.",
            HelpName = "REV",
        };
        var timeout = new Option<double>("--timeout") { Description = "Seconds one scenario's client may run before it is killed (and reported as hung).", DefaultValueFactory = _ => 20, HelpName = "S" };
        var wireLog = new Option<string?>("--wire-log") { Description = "Write every exchange the server saw as JSON lines.", HelpName = "FILE" };
        var report = new Option<string[]>("--report") { Description = "Write a report (repeatable): json, junit, sarif or markdown, e.g. sarif:out.sarif.", HelpName = "FORMAT:PATH" };
        var failOn = Options.Choice("--fail-on", "-f", ["must", "should"], "must", "Exit 1 when a finding at this level or above was made.");
        var json = new Option<bool>("--json") { Description = "Print the JSON report on standard output instead of tables." };
        var command = new Command("client",
            "Test an MCP client: per scenario, start the reference server on 127.0.0.1, run the client against it and judge every request " +
            "with the client machine of its revision. Exit 0: no finding at --fail-on or above; 1: findings; 2: bad arguments.")
        {
            client, scenario, revision, timeout, wireLog, report, failOn, json,
        };

        command.SetAction(async (parse, cancel) =>
        {
            var targets = (parse.GetValue(report) ?? []).Select(text => ReportTarget.Parse(text, out string? error) ?? throw new UsageException("--report: " + error)).ToArray();
            double seconds = parse.GetValue(timeout);
            if (seconds is <= 0 or > 3600) throw new UsageException($"--timeout: {seconds} is outside (0, 3600] seconds");
            var level = parse.GetValue(failOn) == "should" ? RuleLevel.Should : RuleLevel.Must;
            var chosen = Chosen(parse.GetValue(scenario) ?? []);
            PeerRevision? held = null;
            if (parse.GetValue(revision) is { } text)
                held = PeerRevisions.TryParse(text, out var peer) ? peer : throw new UsageException($"--revision: '{text}' is not an MCP revision or dual-era");
            var words = parse.GetValue(client) ?? [];
            if (words.Length == 0) throw new UsageException("COMMAND: give the client to run after --");

            // The log is written whole at the end, atomically: the exchanges are judged after each scenario anyway.
            var buffer = parse.GetValue(wireLog) is not null ? new MemoryStream() : null;
            using var log = buffer is null ? null : new WireLogWriter(buffer);
            var run = new ClientRun(words[0], words[1..], chosen, held, TimeSpan.FromSeconds(seconds), log);
            var progress = new ConsoleProgress(terminal.Error, chosen.Count, level);
            var result = await run.RunAsync(progress, cancel);
            if (parse.GetValue(wireLog) is { } path) AtomicFile.Write(path, stream => stream.Write(buffer!.ToArray()));

            foreach (var t in targets) ReportWriters.Write(result, t);
            if (parse.GetValue(json))
            {
                using var bytes = new MemoryStream();
                JsonReport.Write(result, bytes);
                terminal.Out.WriteLine(System.Text.Encoding.UTF8.GetString(bytes.ToArray()));
            }
            else ConsoleReport.Write(result, terminal.Out, ColorChoice.ForStandardOutput(), level);
            return result.Fails(level) ? ExitCodes.Findings : ExitCodes.Ok;
        });
        return command;
    }

    private static IReadOnlyList<ClientScenario> Chosen(string[] names)
    {
        if (names.Length == 0) return ClientScenarios.All;
        foreach (var name in names)
        {
            if (!ClientScenarios.Names.Contains(name)) throw new UsageException($"--scenario: no scenario '{name}' (one of {string.Join(", ", ClientScenarios.Names)})");
        }

        return ClientScenarios.All.Where(s => names.Contains(s.Name)).ToArray();
    }
}
