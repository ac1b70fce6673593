using System.CommandLine;
using McpFuzz.Driver.Reference;
using McpFuzz.Driver.Reports;
using McpFuzz.Driver.Server;
using McpFuzz.Driver.Wire;
using McpFuzz.Model.Checking;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Driver.Cli;

/// <summary><c>mcpfuzz server</c>: test a real MCP server over HTTP against the server machines,
/// or (<c>--embedded</c>) the reference server started in-process.</summary>
public static class ServerCommand
{
    public static Command Create(Terminal terminal)
    {
        var url = new Argument<string?>("URL") { Description = "The MCP endpoint (Streamable HTTP) or SSE URL (HTTP+SSE) to test.", Arity = ArgumentArity.ZeroOrOne };
        var revision = new Option<string>("--revision", "-r")
        {
            Description = "Revision to test (YYYY-MM-DD) or all (default). With --embedded: the revision served, 2025-11-25 unless given.",
            HelpName = "REV|all",
        };
        var scenario = new Option<string[]>("--scenario", "-s")
        {
            Description = "Run only these scenarios (repeatable): " + string.Join(", ", ServerScenarios.Names) + ".",
            HelpName = "NAME",
            AllowMultipleArgumentsPerToken = true,
        };
        var timeout = new Option<double>("--timeout") { Description = "Seconds one exchange may take.", DefaultValueFactory = _ => 10, HelpName = "S" };
        var header = new Option<string[]>("--header", "-H")
        {
            Description = "Add a header to every request, e.g. \"Authorization: Bearer TOKEN\" (repeatable). Sent only to URL's host.",
            HelpName = "NAME: VALUE",
        };
        var wireLog = new Option<string?>("--wire-log") { Description = "Write every exchange as JSON lines, as it happens.", HelpName = "FILE" };
        var report = new Option<string[]>("--report") { Description = "Write a report (repeatable): json, junit, sarif or markdown, e.g. sarif:out.sarif.", HelpName = "FORMAT:PATH" };
        var failOn = Options.Choice("--fail-on", "-f", ["must", "should"], "must", "Exit 1 when a finding at this level or above was made.");
        var embedded = new Option<bool>("--embedded") { Description = "Start the reference server on 127.0.0.1 in-process and test it." };
        var profiles = new Option<string[]>("--profile", "-p")
        {
            Description = "With --embedded: the reference server misbehaves as these server profiles do: " + string.Join(", ", Profiles.All.Where(p => p.IsServer).Select(p => p.Name)) + ".",
            HelpName = "NAME",
            AllowMultipleArgumentsPerToken = true,
        };
        var json = new Option<bool>("--json") { Description = "Print the JSON report on standard output instead of tables." };
        var fuzz = new Option<bool>("--fuzz") { Description = "Stateful fuzzing: generated client sequences with faults, every answer judged; failures shrunk, confirmed and saved." };
        var runs = new Option<int?>("--runs") { Description = "With --fuzz: how many sequences (200 unless --time is given).", HelpName = "N" };
        var time = new Option<string?>("--time") { Description = "With --fuzz: how long to run, e.g. 30s, 5m, 1h.", HelpName = "T" };
        var seed = new Option<ulong?>("--seed") { Description = "With --fuzz: the seed (printed at the start of every run).", HelpName = "S" };
        var listen = new Option<double>("--listen") { Description = "With --fuzz: milliseconds a GET stream is listened to.", DefaultValueFactory = _ => 50, HelpName = "MS" };
        var outDir = new Option<string?>("--out")
        {
            Description = "With --fuzz: directory for replay files and curl scripts of failures. Failures already saved there (same rule, same minimal sequence) " +
                          "are reported as known, not saved again, and do not make the exit code 1.",
            HelpName = "DIR",
        };
        var corpus = new Option<string?>("--corpus")
        {
            Description = "With --fuzz: directory of the feedback corpus (sequences that reached a new server state), loaded at start and written as entries are found, so the next run resumes.",
            HelpName = "DIR",
        };
        var command = new Command("server",
            "Test an MCP server over HTTP: detect the transports and revisions it speaks, run every scenario per revision, " +
            "and judge each answer with the server machine of the revision. Exit 0: no finding at --fail-on or above; 1: findings " +
            "(with --fuzz: new failures only, not those already saved in --out); 2: bad arguments or unreachable.")
        {
            url, revision, scenario, timeout, header, wireLog, report, failOn, embedded, profiles, json, fuzz, runs, time, seed, outDir, corpus, listen,
        };

        command.SetAction(async (parse, cancel) =>
        {
            var targets = (parse.GetValue(report) ?? []).Select(text => ReportTarget.Parse(text, out string? error) ?? throw new UsageException("--report: " + error)).ToArray();
            var headers = (parse.GetValue(header) ?? []).Select(ParseHeader).ToArray();
            double seconds = parse.GetValue(timeout);
            if (seconds is <= 0 or > 3600) throw new UsageException($"--timeout: {seconds} is outside (0, 3600] seconds");
            var limits = ProbeLimits.Default with { Timeout = TimeSpan.FromSeconds(seconds), Listen = TimeSpan.FromSeconds(Math.Min(1, seconds)) };
            var level = parse.GetValue(failOn) == "should" ? RuleLevel.Should : RuleLevel.Must;
            var chosen = Chosen(parse.GetValue(scenario) ?? []);
            string? revisionText = parse.GetValue(revision);

            EmbeddedTarget? server = null;
            Uri target;
            IReadOnlyList<Revision> revisions;
            if (parse.GetValue(embedded))
            {
                var side = Pairing.ParseSide(string.Join("+", [revisionText is null or "all" ? "2025-11-25" : revisionText, .. parse.GetValue(profiles) ?? []]), server: true, out var error)
                           ?? throw new UsageException("--revision/--profile: " + error);
                server = await EmbeddedTarget.StartAsync(side.Peer, (ServerProfile)side.Profile, cancel);
                target = server.Url;
                revisions = server.Revisions;
            }
            else
            {
                if (parse.GetValue(url) is not { } text) throw new UsageException("give the server's URL, or --embedded");
                if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
                    throw new UsageException($"URL: '{text}' is not an http(s) URL");
                if ((parse.GetValue(profiles) ?? []).Length > 0) throw new UsageException("--profile needs --embedded");
                target = parsed;
                revisions = revisionText is null or "all" ? Revisions.All
                    : Revisions.TryParse(revisionText, out var one) ? [one]
                    : throw new UsageException($"--revision: '{revisionText}' is not an MCP revision or all");
            }

            try
            {
                if (parse.GetValue(fuzz))
                    return await ServerFuzz.RunAsync(terminal, target, revisions, headers, limits, parse.GetValue(runs), parse.GetValue(time), parse.GetValue(seed), parse.GetValue(outDir),
                        parse.GetValue(corpus), level, parse.GetValue(listen), cancel);
                using var log = parse.GetValue(wireLog) is { } path ? new WireLogWriter(File.Create(path)) : null;
                var progress = new ConsoleProgress(terminal.Error, revisions.Sum(r => chosen.Count(s => s.Applies(r))), level);
                var (result, detection) = await new ServerRun(target, revisions, chosen, headers, limits, log).RunAsync(progress, cancel);
                foreach (var line in detection.Lines) terminal.Error.WriteLine("detect " + line);
                if (!detection.Reachable)
                {
                    terminal.Error.WriteLine($"mcpfuzz: cannot reach {target}: {detection.Unreachable}");
                    return ExitCodes.Usage;
                }

                foreach (var t in targets) ReportWriters.Write(result, t);
                if (parse.GetValue(json))
                {
                    using var buffer = new MemoryStream();
                    JsonReport.Write(result, buffer);
                    terminal.Out.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
                }
                else ConsoleReport.Write(result, terminal.Out, ColorChoice.ForStandardOutput(), level);
                return result.Fails(level) ? ExitCodes.Findings : ExitCodes.Ok;
            }
            finally
            {
                if (server is not null) await server.DisposeAsync();
            }
        });
        return command;
    }

    private static IReadOnlyList<ServerScenario> Chosen(string[] names)
    {
        if (names.Length == 0) return ServerScenarios.All;
        foreach (var name in names)
        {
            if (!ServerScenarios.Names.Contains(name)) throw new UsageException($"--scenario: no scenario '{name}' (one of {string.Join(", ", ServerScenarios.Names)})");
        }

        return ServerScenarios.All.Where(s => names.Contains(s.Name)).ToArray();
    }

    private static (string, string) ParseHeader(string text)
    {
        int colon = text.IndexOf(':');
        if (colon <= 0) throw new UsageException($"--header: '{text}' is not NAME: VALUE");
        return (text[..colon].Trim(), text[(colon + 1)..].Trim());
    }
}
