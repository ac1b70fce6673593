using System.CommandLine;
using McpFuzz.Driver.CoverageFuzz;
using McpFuzz.Driver.Nightly;
using McpFuzz.Driver.Reference;
using McpFuzz.Model.Checking;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Driver.Cli;

/// <summary><c>mcpfuzz nightly --time T --out DIR [--url URL | --embedded]</c>: every parser target,
/// then (with a server) stateful server fuzzing, in one budget; reports in DIR. Exit 1 when
/// anything new was found, 0 when not, 2 on bad usage.</summary>
public static class NightlyCommand
{
    public static Command Create(Terminal terminal)
    {
        var time = new Option<string>("--time") { Description = "The whole run's wall-clock budget, split over the parts: 90s, 30m, 1h.", HelpName = "T", Required = true };
        var outDir = new Option<string>("--out") { Description = "Output directory: DIR/TARGET/{corpus,crashes}, DIR/server/{corpus,failures}, DIR/report.md, DIR/report.json. Reuse it to resume. Inputs put in DIR/TARGET/import (files, AFL++ or libFuzzer output) are merged into the corpus.", HelpName = "DIR", Required = true };
        var url = new Option<string?>("--url") { Description = "Also fuzz this MCP server (Streamable HTTP) statefully, as mcpfuzz server --fuzz does.", HelpName = "URL" };
        var embedded = new Option<bool>("--embedded") { Description = "Also fuzz the reference server, started on 127.0.0.1 in-process." };
        var revision = new Option<string?>("--revision", "-r") { Description = "With --url or --embedded: the Streamable HTTP revision to speak (default 2025-11-25).", HelpName = "REV" };
        var header = new Option<string[]>("--header", "-H") { Description = "With --url: a header for every request, e.g. \"Authorization: Bearer TOKEN\" (repeatable).", HelpName = "NAME: VALUE" };
        var jobs = Options.Positive("--jobs", 1, "Worker processes per parser target.");
        var seed = new Option<ulong>("--seed") { Description = "Random seed of every part.", DefaultValueFactory = _ => 1, HelpName = "S" };
        var command = new Command("nightly",
            "Fuzz every parser target (instrumented, in-process engine) and, with --url or --embedded, a server statefully, in one time budget; " +
            "corpora kept in --out for the next run; report.md and report.json written there. Exit 1: a new crash or failure; 0: none; 2: bad arguments.")
        {
            time, outDir, url, embedded, revision, header, jobs, seed,
        };
        command.SetAction(async (parse, cancel) =>
        {
            string timeText = parse.GetValue(time)!;
            var budget = Durations.Parse(timeText) ?? throw new UsageException($"--time: '{timeText}' is not a duration (90, 90s, 5m, 1h)");
            string output = Path.GetFullPath(parse.GetValue(outDir)!);
            string? urlText = parse.GetValue(url);
            bool useEmbedded = parse.GetValue(embedded);
            if (urlText is not null && useEmbedded) throw new UsageException("--url and --embedded: give one");
            string? revisionText = parse.GetValue(revision);
            var headers = (parse.GetValue(header) ?? []).Select(ParseHeader).ToArray();
            if (headers.Length > 0 && urlText is null) throw new UsageException("--header needs --url");
            var serverRevision = Revision.V2025_11_25;
            if (revisionText is not null)
            {
                if (urlText is null && !useEmbedded) throw new UsageException("--revision needs --url or --embedded");
                if (!Revisions.TryParse(revisionText, out serverRevision)) throw new UsageException($"--revision: '{revisionText}' is not an MCP revision");
                if (serverRevision == Revision.V2024_11_05) throw new UsageException("--revision: stateful fuzzing needs a Streamable HTTP revision (2025-03-26 or later)");
            }

            Uri? serverUrl = null;
            if (urlText is not null)
            {
                if (!Uri.TryCreate(urlText, UriKind.Absolute, out serverUrl) || serverUrl.Scheme is not ("http" or "https"))
                    throw new UsageException($"--url: '{urlText}' is not an http(s) URL");
            }

            Directory.CreateDirectory(output);
            EmbeddedTarget? reference = null;
            try
            {
                if (useEmbedded)
                {
                    var side = Pairing.ParseSide(serverRevision.ToText(), server: true, out var error) ?? throw new UsageException("--revision: " + error);
                    reference = await EmbeddedTarget.StartAsync(side.Peer, (ServerProfile)side.Profile, cancel);
                    serverUrl = reference.Url;
                }

                var server = serverUrl is null ? null : new NightlyServer(serverUrl, serverRevision, headers);
                terminal.Error.WriteLine($"nightly: {budget.TotalSeconds:0} s over {Fuzzer.Targets.FuzzTargets.All.Count} parser targets{(server is null ? "" : " and the server " + server.Url)}, output {output}");
                var result = await new NightlyRun(new NightlyOptions(budget, output, parse.GetValue(jobs), parse.GetValue(seed), server), terminal).RunAsync(cancel);
                terminal.Out.WriteLine($"nightly: {result.Seconds:0} s, {result.NewFindings} new finding(s); {Path.Combine(output, NightlyReport.MarkdownName)}, {Path.Combine(output, NightlyReport.JsonName)}");
                return result.NewFindings > 0 ? ExitCodes.Findings : ExitCodes.Ok;
            }
            finally
            {
                if (reference is not null) await reference.DisposeAsync();
            }
        });
        return command;
    }

    private static (string, string) ParseHeader(string text)
    {
        int colon = text.IndexOf(':');
        if (colon <= 0) throw new UsageException($"--header: '{text}' is not NAME: VALUE");
        return (text[..colon].Trim(), text[(colon + 1)..].Trim());
    }
}
