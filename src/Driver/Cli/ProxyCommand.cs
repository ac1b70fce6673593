using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using McpFuzz.Driver.Proxy;
using McpFuzz.Driver.Reports;
using McpFuzz.Driver.Wire;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Driver.Cli;

/// <summary><c>mcpfuzz proxy</c>: sit between a real client and a real server, relay everything,
/// judge each conversation as it flows, and inject faults on request.</summary>
public static class ProxyCommand
{
    public static Command Create(Terminal terminal)
    {
        var listen = new Option<string>("--listen", "-l")
        {
            Description = "Where the proxy listens: a loopback address and port, e.g. 127.0.0.1:8080 (port 0: a free one).",
            HelpName = "ADDR:PORT",
            Required = true,
        };
        var upstream = new Option<string>("--upstream", "-u") { Description = "The MCP server's URL; every request goes there, whatever host the client names.", HelpName = "URL", Required = true };
        var revision = RevisionOption.Create("Judge every conversation by this revision. Without it, each conversation is judged by the revision it negotiated (the initialize answer's protocolVersion, else its MCP-Protocol-Version header), 2025-11-25 when it shows none.");
        var wireLog = new Option<string?>("--wire-log") { Description = "Write every exchange as JSON lines, as it happens.", HelpName = "FILE" };
        var report = new Option<string[]>("--report") { Description = "Write a report when the run ends (repeatable): json, junit, sarif or markdown, e.g. json:out.json.", HelpName = "FORMAT:PATH" };
        var fault = new Option<string[]>("--fault")
        {
            Description = "Inject a fault (repeatable): " + ProxyFault.Kinds + ".",
            HelpName = "SPEC",
        };
        var seed = new Option<int?>("--seed") { Description = "Seed of the fault decisions (printed at the start; random when not given).", HelpName = "N" };
        var duration = new Option<string?>("--duration") { Description = "End the run after this long (e.g. 90, 30s, 5m, 1h); otherwise Ctrl+C or SIGTERM ends it.", HelpName = "T" };
        var failOn = Options.Choice("--fail-on", "-f", ["must", "should"], "must", "Exit 1 when a finding at this level or above was made.");
        var command = new Command("proxy",
            "Relay traffic between an MCP client and server (streams unbuffered), judge both sides as it flows, print each finding, " +
            "and write the report when the run ends. Prints `LISTENING URL`: point the client there. Exit 0: no finding at --fail-on or above; 1: findings; 2: bad arguments.")
        {
            listen, upstream, revision, wireLog, report, fault, seed, duration, failOn,
        };

        command.SetAction(async (parse, cancel) =>
        {
            var endpoint = ParseListen(parse.GetValue(listen)!);
            string upstreamText = parse.GetValue(upstream)!;
            if (!Uri.TryCreate(upstreamText, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
                throw new UsageException($"--upstream: '{upstreamText}' is not an http(s) URL");
            var targets = (parse.GetValue(report) ?? []).Select(text => ReportTarget.Parse(text, out string? error) ?? throw new UsageException("--report: " + error)).ToArray();
            var faults = (parse.GetValue(fault) ?? []).Select(ParseFault).ToArray();
            var limit = parse.GetValue(duration) is { } text ? ParseDuration(text) : (TimeSpan?)null;
            int chosenSeed = parse.GetValue(seed) ?? Random.Shared.Next();
            var rev = parse.GetValue(revision) is { } pinned ? RevisionChoice.Pin(pinned) : RevisionChoice.Detect(Revision.V2025_11_25);
            var level = parse.GetValue(failOn) == "should" ? RuleLevel.Should : RuleLevel.Must;

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            if (limit is { } after) stop.CancelAfter(after);
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop(stop));
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop(stop));

            using var log = parse.GetValue(wireLog) is { } path ? new WireLogWriter(File.Create(path)) : null;
            var printer = new Lock();
            // The server side reads what the server sent, the client side what the client received
            // (an injected 404, a stream cut short), so both are judged under faults too.
            var judging = new ProxyJudging(rev, ClientOracleJudges.Instance, (conversation, finding) =>
            {
                lock (printer) terminal.Out.WriteLine(FindingLine(conversation, finding));
            });
            var plan = new FaultPlan(faults, chosenSeed);
            var started = DateTimeOffset.UtcNow;
            await using (var proxy = await CheckingProxy.StartAsync(endpoint, target, judging, plan, log, cancel))
            {
                proxy.Notice = line =>
                {
                    lock (printer) terminal.Error.WriteLine(line);
                };
                lock (printer)
                {
                    terminal.Error.WriteLine($"seed {chosenSeed}");
                    terminal.Error.WriteLine($"proxy for {target} judged by {rev.Describe()}{(faults.Length == 0 ? "" : "; faults: " + string.Join(", ", faults))}");
                    terminal.Out.WriteLine("LISTENING " + proxy.Url);
                    terminal.Out.Flush();
                }

                try
                {
                    await Task.Delay(Timeout.Infinite, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C, SIGTERM or --duration: stop relaying, then report.
                }
            }

            var result = judging.Report(target.AbsoluteUri, started, DateTimeOffset.UtcNow - started);
            foreach (var t in targets) ReportWriters.Write(result, t);
            lock (printer)
            {
                terminal.Error.WriteLine($"{judging.Conversations.Count} conversations, {judging.Conversations.Sum(c => c.Exchanges)} exchanges judged; findings: {ConsoleText.CountsByLevel(result.Findings)}");
            }

            return result.Fails(level) ? ExitCodes.Findings : ExitCodes.Ok;
        });
        return command;
    }

    private static Action<PosixSignalContext> Stop(CancellationTokenSource stop) => context =>
    {
        context.Cancel = true;
        stop.Cancel();
    };

    /// <summary>One line per finding: level, rule, conversation, what was seen.</summary>
    public static string FindingLine(ProxyConversation conversation, Finding finding) =>
        $"finding {ConsoleText.LevelText(finding.Level)} {finding.RuleId} [{finding.Scenario}] {ConsoleText.Printable(finding.Observed)} (expected: {ConsoleText.Printable(finding.Expected)})";

    private static IPEndPoint ParseListen(string text)
    {
        if (!IPEndPoint.TryParse(text, out var endpoint))
        {
            int colon = text.LastIndexOf(':');
            if (colon > 0 && text[..colon] == "localhost" && int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port))
                endpoint = new IPEndPoint(IPAddress.Loopback, port);
            else throw new UsageException($"--listen: '{text}' is not ADDR:PORT");
        }

        if (!IPAddress.IsLoopback(endpoint.Address)) throw new UsageException($"--listen: {endpoint.Address} is not a loopback address; the proxy listens on this machine only");
        if (endpoint.Port is < 0 or > 65535) throw new UsageException($"--listen: port {endpoint.Port} is outside 0..65535");
        return endpoint;
    }

    private static ProxyFault ParseFault(string text)
    {
        try
        {
            return ProxyFault.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--fault {text}: {e.Message}");
        }
    }

    /// <summary>Seconds, or a number with s, m or h.</summary>
    public static TimeSpan ParseDuration(string text)
    {
        string number = text.TrimEnd('s', 'm', 'h');
        double scale = text.EndsWith('h') ? 3600 : text.EndsWith('m') ? 60 : 1;
        if (number.Length != text.Length - 1 && number.Length != text.Length) throw new UsageException($"--duration: '{text}' is not a duration");
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || value <= 0 || value * scale > 7 * 24 * 3600)
            throw new UsageException($"--duration: '{text}' is not a duration between 0 and 7 days (e.g. 90, 30s, 5m, 1h)");
        return TimeSpan.FromSeconds(value * scale);
    }
}
