using McpFuzz.Model.Machines.Kernel;
using System.Text.RegularExpressions;
using McpFuzz.Model.Checking;
using McpFuzz.Model.Machines.Peers;

namespace McpFuzz.Tests.Checking;

public class SequenceDiagramTests
{
    private static (McpWorld Model, Exploration<WorldAction> Exploration) Check(Pairing pairing)
    {
        var model = new McpWorld(pairing);
        return (model, Explorer.Run(model, new ExplorationBounds()));
    }

    /// <summary>The body lines of a diagram, after the front matter and the header.</summary>
    private static string[] Statements(string diagram)
    {
        var lines = diagram.Split('\n');
        int header = Array.IndexOf(lines, "sequenceDiagram");
        Assert.True(header > 0, "no sequenceDiagram header");
        Assert.Equal("", lines[^1]);
        return lines[(header + 1)..^1];
    }

    [Fact]
    public void The_legacy_endpoint_case_shows_the_endpoint_event_and_the_violation()
    {
        var (model, exploration) = Check(new Pairing(PeerRevision.V2025_06_18, ClientProfile.FirstEventIsResponse, PeerRevision.V2025_06_18, ServerProfile.LegacyEndpointInPost, 1));
        string diagram = SequenceDiagram.Render(model, exploration);

        Assert.StartsWith("---\ntitle: \"client 2025-06-18+first-event-is-response / server 2025-06-18+legacy-endpoint-in-post (faults 1)\"\n", diagram);
        var body = Statements(diagram);
        Assert.Equal(
        [
            "    participant Client as client 2025-06-18+first-event-is-response",
            "    participant Network as network (faults 1)",
            "    participant Server as server 2025-06-18+legacy-endpoint-in-post",
            "    Client->>Server: 1. POST /mcp initialize(2025-06-18)",
        ], body[..4]);
        Assert.StartsWith("    Server->>Network: 2. answers POST /mcp initialize(2025-06-18) → 200 text/event-stream", body[4]);
        Assert.Contains("SSE event `endpoint`", body[4]);
        Assert.StartsWith("    Note over Client,Server: FAILS server-conforms [shttp.message-events]: server answered", body[5]);
        Assert.Contains("(legacy-endpoint-in-post)", body[5]);
        Assert.Equal(6, body.Length);
    }

    [Fact]
    public void Every_step_is_one_numbered_statement_and_the_violation_comes_last()
    {
        var (model, exploration) = Check(new Pairing(PeerRevision.V2025_11_25, ClientProfile.None, PeerRevision.V2025_11_25, ServerProfile.ReplayAcrossStreams, 2));
        Assert.NotNull(exploration.Violation);
        var body = Statements(SequenceDiagram.Render(model, exploration))[3..];

        Assert.Equal(exploration.Path.Count + 1, body.Length);
        for (int i = 0; i < exploration.Path.Count; i++) Assert.Matches($@"^    [^:]+: {i + 1}\. ", body[i]);
        Assert.StartsWith("    Note over Client,Server: FAILS server-conforms [resume.same-stream-only]: ", body[^1]);
        Assert.Contains(body, line => line.StartsWith("    Network->>Client: ", StringComparison.Ordinal));
        Assert.Contains(body, line => line.StartsWith("    Server->>Network: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Labels_carry_no_character_that_ends_a_Mermaid_message()
    {
        // tools/call#2 and "...; a conforming server would not" hold both characters Mermaid stops at.
        var (model, exploration) = Check(new Pairing(PeerRevision.V2025_11_25, ClientProfile.None, PeerRevision.V2025_11_25, ServerProfile.ReplayAcrossStreams, 2));
        foreach (string line in Statements(SequenceDiagram.Render(model, exploration)))
        {
            string withoutCodes = Regex.Replace(line, "#[a-z0-9]+;", "");
            Assert.DoesNotContain('#', withoutCodes);
            Assert.DoesNotContain(';', withoutCodes);
        }

        Assert.Contains("tools/call#35;2", SequenceDiagram.Render(model, exploration));
    }

    [Theory]
    [InlineData("a;b", "a#59;b")]
    [InlineData("#1", "#35;1")]
    [InlineData("#35;", "#35;35#59;")]
    [InlineData("<b>&\"x\"", "#lt;b#gt;#amp;#quot;x#quot;")]
    [InlineData("two\nlines\r\n", "two lines  ")]
    [InlineData("GET /mcp: 200 → ok", "GET /mcp: 200 → ok")]
    public void Escape_uses_entity_codes(string label, string escaped)
    {
        Assert.Equal(escaped, MermaidText.Label(label));
    }

    /// <summary>Follows the first enabled action of each kind in turn, so the path holds faults.</summary>
    private static List<WorldAction> Walk(McpWorld model, params ActionKind[] kinds)
    {
        var path = new List<WorldAction>();
        var state = model.Initial;
        var actions = new List<WorldAction>();
        foreach (var kind in kinds)
        {
            actions.Clear();
            model.Actions(state, actions);
            var action = actions.First(a => a.Kind == kind);
            Assert.True(model.Next(state, action, out state, out _));
            path.Add(action);
        }

        return path;
    }

    [Fact]
    public void Faults_are_crossed_arrows_and_notes()
    {
        var model = new McpWorld(new Pairing(PeerRevision.V2025_06_18, ClientProfile.None, PeerRevision.V2025_06_18, ServerProfile.None, 4));
        // initialize is lost and times out; the client gives up (Connecting fails on a timeout).
        var lost = Walk(model, ActionKind.Client, ActionKind.Drop, ActionKind.Deliver);
        var body = Statements(SequenceDiagram.Render(model, new Exploration<WorldAction>(null, lost, 0, 0, 0, false, [])))[3..];
        Assert.StartsWith("    Client->>Server: 1. POST /mcp initialize", body[0]);
        Assert.StartsWith("    Note over Network: 2. loses POST /mcp initialize", body[1]);
        Assert.StartsWith("    Note over Client: 3. times out waiting for POST /mcp initialize", body[2]);
        Assert.Equal("    Note over Client,Server: works: no property violated", body[3]);

        var expired = ShortestEndingIn(model, ActionKind.Expire);
        Assert.Matches($@"^    Server->>Network: {expired.Count}\. ends session S1, then answers .* → 404", Statements(SequenceDiagram.Render(model, new Exploration<WorldAction>(null, expired, 0, 0, 0, false, [])))[^2]);
    }

    /// <summary>The shortest path whose last step is of the given kind (breadth-first).</summary>
    private static List<WorldAction> ShortestEndingIn(McpWorld model, ActionKind kind)
    {
        var queue = new Queue<(World State, List<WorldAction> Path)>();
        var seen = new HashSet<ulong> { model.Fingerprint(model.Initial) };
        queue.Enqueue((model.Initial, []));
        var actions = new List<WorldAction>();
        while (queue.TryDequeue(out var item))
        {
            actions.Clear();
            model.Actions(item.State, actions);
            foreach (var action in actions)
            {
                if (!model.Next(item.State, action, out var next, out _)) continue;
                List<WorldAction> path = [.. item.Path, action];
                if (action.Kind == kind) return path;
                if (seen.Add(model.Fingerprint(next))) queue.Enqueue((next, path));
            }
        }

        throw new InvalidOperationException($"no {kind} is reachable");
    }

    [Fact]
    public void A_broken_stream_is_a_crossed_arrow_to_the_client()
    {
        var model = new McpWorld(new Pairing(PeerRevision.V2025_11_25, ClientProfile.None, PeerRevision.V2025_11_25, ServerProfile.None, 1));
        var path = ShortestEndingIn(model, ActionKind.Abort);
        var body = Statements(SequenceDiagram.Render(model, new Exploration<WorldAction>(null, path, 0, 0, 0, false, [])));
        Assert.Matches($@"^    Network-xClient: {path.Count}\. breaks the stream of .+ \(\d event\(s\) not delivered\)$", body[^2]);
    }

    [Fact]
    public void A_pairing_that_never_succeeds_names_the_unreached_property()
    {
        var model = new McpWorld(new Pairing(PeerRevision.V2025_06_18, ClientProfile.None, PeerRevision.V2025_06_18, ServerProfile.None, 0));
        var unreached = new Exploration<WorldAction>(null, [], 1, 0, 0, true, [McpProperties.CanSucceed]);
        Assert.EndsWith("    Note over Client,Server: FAILS tool-call-can-succeed never happens (some run ends with the tool call answered)\n",
            SequenceDiagram.Render(model, unreached));
    }
}
