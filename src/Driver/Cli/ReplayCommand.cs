using System.CommandLine;
using McpFuzz.Driver.Fuzz;
using McpFuzz.Driver.Reference;
using McpFuzz.Driver.Server;
using McpFuzz.Model.Checking;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Driver.Cli;

/// <summary><c>mcpfuzz replay FILE URL</c>: re-runs the minimal sequence of a replay file written by
/// <c>mcpfuzz server --fuzz</c> against a server, judged as before. Exit 1 when it still breaks the
/// file's rule, 0 when it no longer does.</summary>
public static class ReplayCommand
{
    public static Command Create(Terminal terminal)
    {
        var file = new Argument<string>("FILE") { Description = "A replay file (JSON) from mcpfuzz server --fuzz --out." };
        var url = new Argument<string?>("URL") { Description = "The MCP endpoint to replay against.", Arity = ArgumentArity.ZeroOrOne };
        var embedded = new Option<bool>("--embedded") { Description = "Replay against the reference server started in-process." };
        var profiles = new Option<string[]>("--profile", "-p") { Description = "With --embedded: server profiles of the reference server.", HelpName = "NAME", AllowMultipleArgumentsPerToken = true };
        var timeout = new Option<double>("--timeout") { Description = "Seconds one exchange may take.", DefaultValueFactory = _ => 10, HelpName = "S" };
        var command = new Command("replay", "Re-run a failure saved by mcpfuzz server --fuzz. Exit 1: the rule is still broken; 0: it is not; 2: bad arguments.")
        {
            file, url, embedded, profiles, timeout,
        };
        command.SetAction(async (parse, cancel) =>
        {
            string path = parse.GetValue(file)!;
            Fuzzer.Sequences.ActionSequence sequence;
            string rule;
            try
            {
                sequence = ReplayFile.Load(path);
                rule = ReplayFile.RuleOf(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or FormatException or KeyNotFoundException or ArgumentException or InvalidOperationException)
            {
                throw new UsageException($"FILE: cannot read '{path}' as a replay file: {e.Message}");
            }

            if (sequence.Revision is PeerRevision.V2024_11_05 or PeerRevision.DualEra) throw new UsageException("FILE: the sequence's revision is not a Streamable HTTP revision");
            var revision = (Revision)(int)sequence.Revision;
            EmbeddedTarget? server = null;
            Uri target;
            if (parse.GetValue(embedded))
            {
                var side = Pairing.ParseSide(string.Join("+", [revision.ToText(), .. parse.GetValue(profiles) ?? []]), server: true, out var error)
                           ?? throw new UsageException("--profile: " + error);
                server = await EmbeddedTarget.StartAsync(side.Peer, (ServerProfile)side.Profile, cancel);
                target = server.Url;
            }
            else if (parse.GetValue(url) is { } text && Uri.TryCreate(text, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https") target = parsed;
            else throw new UsageException("URL: give the server's http(s) URL, or --embedded");

            try
            {
                var limits = ProbeLimits.Default with { Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)) };
                using var probe = new HttpProbe(limits, null);
                using var executor = new LiveExecutor(probe, target, revision, sequence.Revision, []);
                var run = await executor.RunAsync(sequence, cancel);
                foreach (var (step, judged) in run.Exchanges)
                {
                    terminal.Out.WriteLine($"step {step + 1}:");
                    foreach (var line in ExchangeLines.Of(judged.Exchange)) terminal.Out.WriteLine("  " + line);
                }

                bool still = run.Rule == rule;
                terminal.Out.WriteLine(still ? $"REPRODUCED {rule}: {run.Why}" : run.Fails ? $"not reproduced: {run.Rule} broken instead ({run.Why})" : $"not reproduced: {rule} holds");
                return still ? ExitCodes.Findings : ExitCodes.Ok;
            }
            finally
            {
                if (server is not null) await server.DisposeAsync();
            }
        });
        return command;
    }
}
