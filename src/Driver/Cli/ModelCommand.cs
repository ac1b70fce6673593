using McpFuzz.Model.Machines.Authorization;
using System.CommandLine;
using System.CommandLine.Parsing;
using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Kernel;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Server;

namespace McpFuzz.Driver.Cli;

/// <summary><c>mcpfuzz model</c>: the state machine of one revision and side, as Mermaid or DOT.
/// Standard output holds the diagram and nothing else, so it pipes straight into a renderer.</summary>
public static class ModelCommand
{
    private static readonly string[] Sides = ["client", "server", "discovery"];
    private static readonly string[] Formats = ["mermaid", "dot"];

    public static Command Create(Terminal terminal)
    {
        var revision = new Option<PeerRevision?>("--revision", "-r")
        {
            Description = "The revision whose machine to print. One of: " + RevisionList + ".",
            HelpName = "REV",
            Required = true,
            CustomParser = ParseRevision,
        };
        var side = Options.Choice("--side", "-s", Sides, null, "Which machine: the client's, the server's, or the client's authorization discovery.");
        var profiles = new Option<string[]>("--profile", "-p")
        {
            Description = "Apply a profile of deliberate deviations (repeatable; it must be of the same side). Client: " +
                          ProfileList(isServer: false) + ". Server: " + ProfileList(isServer: true) + ".",
            HelpName = "NAME",
            AllowMultipleArgumentsPerToken = true,
        };
        var format = Options.Choice("--format", "-f", Formats, "mermaid", "mermaid (a stateDiagram-v2) or dot (a Graphviz digraph).");

        var command = new Command("model",
            "Print the state machine McpFuzz uses for one revision and side (optionally with profiles): superstates as composites, " +
            "every transition with its guard and effect. Only the diagram goes to standard output, e.g. " +
            "`mcpfuzz model -r 2025-06-18 --side client | mmdc -i - -o client.svg` or `mcpfuzz model -r 2025-06-18 --side server -f dot | dot -Tsvg`.")
        {
            revision, side, profiles, format,
        };

        command.SetAction(parse =>
        {
            var peer = parse.GetValue(revision) ?? throw new UsageException("--revision is required");
            bool isServer = parse.GetValue(side) == "server";
            bool dot = parse.GetValue(format) == "dot";
            if (parse.GetValue(side) == "discovery")
            {
                if (parse.GetValue(profiles) is { Length: > 0 }) throw new UsageException("--profile: discovery machines have no profiles");
                return Print(terminal, DiscoveryMachines.For(peer), dot);
            }

            uint flags = ParseProfiles(parse.GetValue(profiles) ?? [], isServer);
            return isServer
                ? Print(terminal, ServerMachines.For(peer, (ServerProfile)flags), dot)
                : Print(terminal, ClientMachines.For(peer, (ClientProfile)flags), dot);
        });
        return command;
    }

    private static string RevisionList => string.Join(", ", PeerRevisions.All.Select(p => p.ToText()));

    private static string ProfileList(bool isServer) => string.Join(", ", Profiles.All.Where(p => p.IsServer == isServer).Select(p => p.Name));

    private static PeerRevision? ParseRevision(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (PeerRevisions.TryParse(text, out var peer)) return peer;
        result.AddError($"--revision: '{text}' is not a revision (expected one of {RevisionList})");
        return null;
    }

    private static uint ParseProfiles(IEnumerable<string> names, bool isServer)
    {
        uint flags = 0;
        foreach (string name in names)
        {
            var profile = Profiles.Find(name)
                ?? throw new UsageException($"--profile: '{name}' is not a profile (client: {ProfileList(false)}; server: {ProfileList(true)})");
            if (profile.IsServer != isServer)
                throw new UsageException($"--profile: '{name}' is a {(profile.IsServer ? "server" : "client")} profile, but --side is {(isServer ? "server" : "client")}");
            flags |= profile.Flag;
        }

        return flags;
    }

    /// <summary>A shipped machine that does not validate is McpFuzz's bug, not the user's: its
    /// problems go to standard error and the exit code says internal error.</summary>
    private static int Print<TState, TTrigger, TContext, TInput>(Terminal terminal, StateMachine<TState, TTrigger, TContext, TInput> machine, bool dot)
        where TState : struct, Enum
        where TTrigger : struct, Enum
        where TContext : struct
    {
        var issues = MachineProblems.Of(machine);
        if (issues.Count > 0)
        {
            terminal.Error.WriteLine($"mcpfuzz: internal error: the machine '{machine.Name}' does not validate ({issues.Count} problem(s)):");
            foreach (var issue in issues) terminal.Error.WriteLine($"  {issue.Kind}: {issue.Message}");
            return ExitCodes.InternalError;
        }

        terminal.Out.Write(dot ? machine.ToDot() : machine.ToMermaid());
        return ExitCodes.Ok;
    }
}
