using System.CommandLine;
using McpFuzz.Driver.Reference;
using McpFuzz.Model.Checking;
using McpFuzz.Model.Machines.Peers;

namespace McpFuzz.Driver.Cli;

/// <summary><c>mcpfuzz serve-reference</c>: the server machine of a revision, with or without
/// profiles, as a real HTTP server on 127.0.0.1 until interrupted.</summary>
public static class ServeReferenceCommand
{
    private static readonly string[] Replies = ["json", "sse", "poll"];

    public static Command Create(Terminal terminal)
    {
        var revision = new Option<string>("--revision", "-r")
        {
            Description = "The revision to serve: 2024-11-05 (HTTP+SSE), 2025-03-26, 2025-06-18, 2025-11-25, 2026-07-28 or dual-era.",
            HelpName = "REV",
            DefaultValueFactory = _ => "2025-11-25",
        };
        var profiles = new Option<string[]>("--profile", "-p")
        {
            Description = "Misbehave as a server profile does (repeatable): " + string.Join(", ", Profiles.All.Where(p => p.IsServer).Select(p => p.Name)) + ".",
            HelpName = "NAME",
            AllowMultipleArgumentsPerToken = true,
        };
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0: a free one).", DefaultValueFactory = _ => 0, HelpName = "N" };
        var reply = Options.Choice("--reply", "-R", Replies, "json",
            "How requests are answered where the revision allows a choice: json, sse (a stream), or poll (2025-11-25: priming event, close, answer on resumption).");
        var command = new Command("serve-reference",
            "Run the server machine of a revision as an HTTP server on 127.0.0.1, the conforming peer for demos and tests, or with --profile " +
            "a server with a known deviation. Prints the URL, serves until Ctrl+C.")
        {
            revision, profiles, port, reply,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var side = Pairing.ParseSide(string.Join("+", [parse.GetValue(revision)!, .. parse.GetValue(profiles) ?? []]), server: true, out var error)
                       ?? throw new UsageException("--revision/--profile: " + error);
            int number = parse.GetValue(port);
            if (number is < 0 or > 65535) throw new UsageException($"--port: {number} is outside 0..65535");
            var style = parse.GetValue(reply) switch { "sse" => ReplyStyle.Sse, "poll" => ReplyStyle.Poll, _ => ReplyStyle.Json };

            await using var server = await ReferenceServer.StartAsync(side.Peer, (ServerProfile)side.Profile, style, number, cancellationToken);
            terminal.Out.WriteLine(server.Url);
            terminal.Error.WriteLine($"serving {side.Peer.ToText()}{(side.Profile == 0 ? "" : "+" + Profiles.Names((ServerProfile)side.Profile))} at {server.Url} (replies: {parse.GetValue(reply)}); Ctrl+C stops");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Interrupted: stop serving.
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
