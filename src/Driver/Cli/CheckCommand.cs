using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using McpFuzz.Driver.Output;
using McpFuzz.Model.Checking;
using McpFuzz.Model.Machines.Peers;

namespace McpFuzz.Driver.Cli;

/// <summary><c>mcpfuzz check</c>: explores client × server pairings exhaustively and prints the
/// compatibility matrix, or one pairing's shortest counterexample.</summary>
public static class CheckCommand
{
    public static Command Create(Terminal terminal)
    {
        var client = new Option<string[]>("--client")
        {
            Description = "Client REV[+profile...] (repeatable; default: every revision and dual-era). Profiles: " +
                          string.Join(", ", Profiles.All.Where(p => !p.IsServer).Select(p => p.Name)) + ".",
            HelpName = "REV[+profile]",
        };
        var server = new Option<string[]>("--server")
        {
            Description = "Server REV[+profile...] (repeatable; default: every revision and dual-era). Profiles: " +
                          string.Join(", ", Profiles.All.Where(p => p.IsServer).Select(p => p.Name)) + ".",
            HelpName = "REV[+profile]",
        };
        var faults = new Option<int>("--faults") { Description = "Fault budget per run: broken streams, lost requests, expired sessions, duplicates on resume, an outage.", DefaultValueFactory = _ => 2 };
        var depth = new Option<int>("--max-depth") { Description = "Longest run explored, in steps.", DefaultValueFactory = _ => 64 };
        var maxStates = new Option<int>("--max-states") { Description = "Most distinct states explored per pairing.", DefaultValueFactory = _ => 2_000_000 };
        var json = new Option<string?>("--json") { Description = "Also write the results as JSON to FILE (written atomically); each failure carries its sequence diagram.", HelpName = "FILE" };
        var mermaid = new Option<string?>("--mermaid")
        {
            Description = "Write the counterexample of each failing pairing to DIR/CLIENT__SERVER.mmd as a Mermaid sequence diagram (DIR is created; files are written atomically).",
            HelpName = "DIR",
        };
        var threads = new Option<int>("--threads")
        {
            Description = "Pairings explored at once, each on its own thread (default: one per processor). Results do not depend on it.",
            DefaultValueFactory = _ => Environment.ProcessorCount,
            HelpName = "N",
        };
        var command = new Command("check",
            "Model-check MCP clients against servers of every revision: every interleaving, with faults, up to the bounds. " +
            "Prints the compatibility matrix and the shortest counterexample of each failure. Exit 0 when the results agree " +
            "with the spec's compatibility statements (conforming peers) or nothing is violated (with profiles), 1 otherwise, 2 on bad arguments.")
        {
            client, server, faults, depth, maxStates, json, mermaid, threads,
        };

        command.SetAction(parse =>
        {
            int budget = parse.GetValue(faults);
            int maxDepth = parse.GetValue(depth);
            if (budget is < 0 or > 4) throw new UsageException($"--faults: {budget} is outside 0..4");
            if (maxDepth is < 1 or > 200) throw new UsageException($"--max-depth: {maxDepth} is outside 1..200");
            int stateLimit = parse.GetValue(maxStates);
            if (stateLimit is < 1 or > 200_000_000) throw new UsageException($"--max-states: {stateLimit} is outside 1..200000000");
            if (parse.GetValue(mermaid) is "") throw new UsageException("--mermaid: the directory name is empty");
            int threadCount = parse.GetValue(threads);
            if (threadCount is < 1 or > 256) throw new UsageException($"--threads: {threadCount} is outside 1..256");
            var clients = Sides(parse.GetValue(client), isServer: false);
            var servers = Sides(parse.GetValue(server), isServer: true);
            var pairings = clients.SelectMany(c => servers.Select(s => new Pairing(c.Peer, (ClientProfile)c.Profile, s.Peer, (ServerProfile)s.Profile, budget))).ToList();
            return Run(terminal, pairings, new ExplorationBounds(maxDepth, stateLimit), new Outputs(parse.GetValue(json), parse.GetValue(mermaid)), threadCount);
        });
        return command;
    }

    private static List<(PeerRevision Peer, uint Profile)> Sides(string[]? texts, bool isServer)
    {
        if (texts is null || texts.Length == 0) return PeerRevisions.All.Select(p => (p, 0u)).ToList();
        var sides = new List<(PeerRevision, uint)>();
        foreach (var text in texts)
        {
            var side = Pairing.ParseSide(text, isServer, out var error) ?? throw new UsageException($"--{(isServer ? "server" : "client")}: {error}");
            sides.Add(side);
        }

        return sides;
    }

    /// <summary>Files asked for besides standard output.</summary>
    private sealed record Outputs(string? JsonPath, string? MermaidDirectory)
    {
        public bool WantDiagrams => JsonPath is not null || MermaidDirectory is not null;
    }

    private static int Run(Terminal terminal, List<Pairing> pairings, ExplorationBounds bounds, Outputs outputs, int threadCount)
    {
        threadCount = Math.Min(threadCount, pairings.Count);
        bool progress = pairings.Count > 1 && terminal.ErrorIsInteractive;
        var total = Stopwatch.StartNew();
        var runs = PairingRuns.Explore(pairings, bounds, threadCount, done =>
        {
            // An updating line is for a person at a terminal; in a log it is noise.
            if (progress) terminal.Error.Write($"\rchecked {done}/{pairings.Count} pairings");
        });
        var results = runs.Select(run => Explain(run, bounds, outputs, single: pairings.Count == 1)).ToList();
        total.Stop();
        if (progress) terminal.Error.WriteLine();
        var diagramFiles = new Dictionary<Pairing, string>();
        foreach (var r in results)
        {
            if (outputs.MermaidDirectory is { } directory && r.Diagram is not null) diagramFiles[r.Pairing] = DiagramFiles.Write(directory, r.Pairing, r.Diagram);
        }

        var output = terminal.Out;
        bool allConforming = pairings.All(p => p.ClientProfile == ClientProfile.None && p.ServerProfile == ServerProfile.None);

        if (pairings.Count == 1)
        {
            PrintOne(output, results[0], bounds);
            if (diagramFiles.TryGetValue(results[0].Pairing, out var file)) output.WriteLine($"sequence diagram: {file}");
        }
        else
        {
            PrintMatrix(output, results, allConforming);
            if (outputs.MermaidDirectory is not null) output.WriteLine($"{diagramFiles.Count} sequence diagram(s) in {outputs.MermaidDirectory}");
        }

        output.WriteLine(Summary(results, total.Elapsed, threadCount));

        if (outputs.JsonPath is { } jsonPath) AtomicFile.Write(jsonPath, stream => WriteJson(stream, results, bounds));

        bool failed = allConforming
            ? results.Any(r => r.Works != Compatibility.Expected(r.Pairing.Client, r.Pairing.Server).Works)
            : results.Any(r => !r.Works);
        return failed ? ExitCodes.Findings : ExitCodes.Ok;
    }

    /// <summary>States, transitions, wall-clock time and throughput; with several threads the
    /// wall-clock rate counts every core, so the rate per core (states over the processor time
    /// the explorations used) is stated as well.</summary>
    private static string Summary(List<CheckResult> results, TimeSpan wall, int threadCount)
    {
        long states = results.Sum(r => r.Exploration.States);
        double seconds = Math.Max(wall.TotalSeconds, 1e-6);
        string line = $"{results.Count} pairing(s), {states:N0} distinct states, {results.Sum(r => r.Exploration.Transitions):N0} transitions " +
                      $"in {wall.TotalSeconds:F2} s ({states / seconds:N0} states/s";
        line += threadCount > 1 ? $" on {threadCount} threads)" : ")";
        if (results.All(r => r.Cpu is not null))
        {
            double cpu = Math.Max(results.Sum(r => r.Cpu!.Value.TotalSeconds), 1e-6);
            line += $"; per core {states / cpu:N0} states/s ({cpu:F2} s of processor time)";
        }

        return line;
    }

    /// <summary>A run as the output shows it: its diagram when one is asked for, and for a lone
    /// pairing what a deviation leads to when nobody objects to it.</summary>
    private static CheckResult Explain(PairingRun run, ExplorationBounds bounds, Outputs outputs, bool single)
    {
        var (pairing, exploration) = (run.Pairing, run.Exploration);
        var result = new CheckResult(pairing, exploration, run.Steps, run.Elapsed) { Cpu = run.Cpu };
        if (!result.Works && outputs.WantDiagrams) result = result with { Diagram = SequenceDiagram.Render(new McpWorld(pairing), exploration) };
        if (!single) return result;

        var check = PairingCheck.Explain(pairing, exploration, bounds);
        result = result with { Harmless = check.Harmless };
        if (check.Consequence is { } consequence)
        {
            var unjudged = new McpWorld(pairing, judge: false);
            result = result with { Consequence = consequence.Violation, ConsequenceSteps = unjudged.Describe(consequence.Path) };
            if (outputs.WantDiagrams) result = result with { Diagram = SequenceDiagram.Render(unjudged, consequence, exploration.Violation) };
        }

        return result;
    }

    private static void PrintOne(TextWriter output, CheckResult result, ExplorationBounds bounds)
    {
        output.WriteLine(result.Pairing.ToString());
        var v = result.Exploration.Violation;
        if (v is null && result.Exploration.Unreached.Count == 0)
        {
            output.WriteLine(result.Exploration.Complete
                ? "works: no property violated"
                : result.Exploration.States >= bounds.MaxStates
                    ? $"works within the bounds: no property violated, but the search stopped at the state limit ({bounds.MaxStates:N0}, depth {result.Exploration.Depth}) before it saw every state; raise --max-states"
                    : $"works within the bounds: no property violated, but the search stopped at depth {bounds.MaxDepth} before it saw every state; raise --max-depth");
            return;
        }

        if (v is null)
        {
            foreach (var p in result.Exploration.Unreached) output.WriteLine($"FAILS: {p.Id} never happens ({p.Description})");
            return;
        }

        output.WriteLine($"FAILS: {v.Property.Id} — {v.Detail}");
        if (v.Rules.Count > 0) output.WriteLine($"rules: {string.Join(", ", v.Rules)}");
        output.WriteLine($"shortest counterexample ({result.Steps.Count} steps):");
        for (int i = 0; i < result.Steps.Count; i++) output.WriteLine($"  {i + 1,2}. {result.Steps[i]}");
        if (result.Harmless) output.WriteLine("what it leads to when the deviation goes unchallenged: nothing visible within the bounds; the other side copes");
        if (result.Consequence is not { } c) return;

        output.WriteLine($"what it leads to when the deviation goes unchallenged: {c.Property.Id} — {c.Detail}");
        if (c.Rules.Count > 0) output.WriteLine($"rules: {string.Join(", ", c.Rules)}");
        for (int i = 0; i < result.ConsequenceSteps.Count; i++) output.WriteLine($"  {i + 1,2}. {result.ConsequenceSteps[i]}");
    }

    private static void PrintMatrix(TextWriter output, List<CheckResult> results, bool allConforming)
    {
        var clients = results.Select(r => r.Pairing.ClientText).Distinct().ToList();
        var servers = results.Select(r => r.Pairing.ServerText).Distinct().ToList();
        int width = Math.Max(12, clients.Max(c => c.Length));
        output.WriteLine($"{"client \\ server".PadRight(width)}  " + string.Join("  ", servers.Select(s => s.PadRight(10))));
        foreach (var c in clients)
        {
            var cells = servers.Select(s =>
            {
                var r = results.First(x => x.Pairing.ClientText == c && x.Pairing.ServerText == s);
                string cell = r.Works ? (r.Exploration.Complete ? "works" : "works*") : "FAILS";
                if (allConforming && r.Works != Compatibility.Expected(r.Pairing.Client, r.Pairing.Server).Works) cell += "!";
                return cell.PadRight(Math.Max(10, s.Length));
            });
            output.WriteLine($"{c.PadRight(width)}  " + string.Join("  ", cells));
        }

        if (allConforming) output.WriteLine("(! = differs from what the specification says about this pair)");
        if (results.Any(r => r.Works && !r.Exploration.Complete))
            output.WriteLine("(* = no violation, but the search stopped at a bound before it saw every state; raise --max-depth or --max-states)");
        output.WriteLine();
        foreach (var r in results.Where(r => !r.Works))
        {
            string reason = r.Exploration.Violation is { } v ? $"{v.Property.Id}: {v.Detail}" : $"{string.Join(", ", r.Exploration.Unreached.Select(p => p.Id))} never happens";
            output.WriteLine($"{r.Pairing.ClientText} → {r.Pairing.ServerText}: {reason}" + (r.Steps.Count > 0 ? $" ({r.Steps.Count} steps)" : ""));
        }
    }

    private static void WriteJson(Stream stream, List<CheckResult> results, ExplorationBounds bounds)
    {
        // Counterexamples hold arrows and backticks; keep them readable rather than \u-escaped.
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteNumber("maxDepth", bounds.MaxDepth);
        w.WriteStartArray("pairings");
        foreach (var r in results)
        {
            w.WriteStartObject();
            w.WriteString("client", r.Pairing.ClientText);
            w.WriteString("server", r.Pairing.ServerText);
            w.WriteNumber("faults", r.Pairing.Faults);
            w.WriteBoolean("works", r.Works);
            var expected = Compatibility.Expected(r.Pairing.Client, r.Pairing.Server);
            w.WriteBoolean("expectedBySpec", expected.Works);
            w.WriteNumber("states", r.Exploration.States);
            w.WriteNumber("transitions", r.Exploration.Transitions);
            w.WriteBoolean("complete", r.Exploration.Complete);
            w.WriteNumber("seconds", r.Elapsed.TotalSeconds);
            if (r.Cpu is { } cpu) w.WriteNumber("cpuSeconds", cpu.TotalSeconds);
            if (r.Exploration.Violation is { } v)
            {
                w.WriteString("property", v.Property.Id);
                w.WriteString("kind", v.Property.Kind.ToString().ToLowerInvariant());
                w.WriteString("detail", v.Detail);
                w.WriteStartArray("rules");
                foreach (var rule in v.Rules) w.WriteStringValue(rule);
                w.WriteEndArray();
                w.WriteStartArray("counterexample");
                foreach (var step in r.Steps) w.WriteStringValue(step);
                w.WriteEndArray();
            }

            w.WriteStartArray("unreached");
            foreach (var p in r.Exploration.Unreached) w.WriteStringValue(p.Id);
            w.WriteEndArray();
            if (r.Diagram is not null) w.WriteString("mermaid", r.Diagram);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>One pairing's result; <see cref="Diagram"/> is its Mermaid sequence diagram, drawn
    /// for failures when a file asks for it.</summary>
    private sealed record CheckResult(Pairing Pairing, Exploration<WorldAction> Exploration, IReadOnlyList<string> Steps, TimeSpan Elapsed, string? Diagram = null)
    {
        public Violation? Consequence { get; init; }

        public TimeSpan? Cpu { get; init; }

        public bool Harmless { get; init; }

        public IReadOnlyList<string> ConsequenceSteps { get; init; } = [];

        public bool Works => Exploration.Violation is null && Exploration.Unreached.Count == 0;
    }
}
