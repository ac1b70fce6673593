using System.Text;
using McpFuzz.Model.Machines.Kernel;

namespace McpFuzz.Model.Checking;

/// <summary>Draws a counterexample of <see cref="McpWorld"/> as a Mermaid <c>sequenceDiagram</c>
/// between Client, Network and Server. Each step of the path is one arrow or note, numbered and
/// labelled as the text counterexample (<see cref="McpWorld.Describe"/>), so the two read side by
/// side; the last note names the property that failed and the rules behind it.</summary>
public static class SequenceDiagram
{
    private const string Indent = "    ";

    /// <summary>The diagram of one exploration: its counterexample and violation, or a note
    /// naming the reachability properties that never held, or that nothing failed.</summary>
    /// <param name="deviation">When the exploration is a deviation's consequence (<see cref="PairingCheck"/>):
    /// the deviation, named in a note before the outcome so the diagram says which side was wrong.</param>
    public static string Render(McpWorld model, Exploration<WorldAction> exploration, Violation? deviation = null)
    {
        var pairing = model.Pairing;
        var text = new StringBuilder();
        // Long labels (whole requests and responses) wrap instead of widening the diagram; wider
        // participants (the default is 150 px) keep them to a few lines each.
        text.Append("---\ntitle: \"").Append(MermaidText.YamlQuoted(pairing.ToString())).Append("\"\n");
        text.Append("config:\n  sequence:\n    wrap: true\n    width: 240\n---\n");
        text.Append("sequenceDiagram\n");
        Line(text, "participant Client as " + MermaidText.Label("client " + pairing.ClientText));
        Line(text, "participant Network as " + MermaidText.Label($"network (faults {pairing.Faults})"));
        Line(text, "participant Server as " + MermaidText.Label("server " + pairing.ServerText));

        var path = exploration.Path;
        var states = Explorer.Replay(model, path);
        for (int i = 0; i < path.Count; i++)
        {
            var (before, action, after) = (states[i], path[i], states[i + 1]);
            string label = $"{i + 1}. {WithoutSubject(model.Describe(before, action, after))}";
            Line(text, Step(before, action, after) + ": " + MermaidText.Label(label));
        }

        if (deviation is not null) Line(text, "Note over Client,Server: " + MermaidText.Label("first deviation: " + Describe(deviation)));
        Line(text, "Note over Client,Server: " + MermaidText.Label(Outcome(exploration)));
        return text.ToString();
    }

    /// <summary>The arrow or note of one step, without its label. The server's answer goes to the
    /// network: head, events and end reach the client later, one Deliver step each.</summary>
    private static string Step(in World before, in WorldAction action, in World after) => action.Kind switch
    {
        ActionKind.Client => SentRequest(before, after) ? "Client->>Server" : "Note over Client",
        ActionKind.Serve or ActionKind.Expire => "Server->>Network",
        ActionKind.Deliver => before.Net[action.Slot].Stage == ExchangeStage.Dropped ? "Note over Client" : "Network->>Client",
        ActionKind.Abort => "Network-xClient",
        ActionKind.Drop or ActionKind.Duplicate => "Note over Network",
        ActionKind.Authorize => "Note over Client",
        _ => "Note over Server",
    };

    private static bool SentRequest(in World before, in World after)
    {
        for (int i = 0; i < World.Slots; i++)
        {
            if (after.Net[i].Stage == ExchangeStage.Sent && before.Net[i].Stage != ExchangeStage.Sent) return true;
        }

        return false;
    }

    private static string Outcome(Exploration<WorldAction> exploration)
    {
        if (exploration.Violation is { } v) return "FAILS " + Describe(v);

        if (exploration.Unreached.Count > 0)
            return "FAILS " + string.Join("; ", exploration.Unreached.Select(p => $"{p.Id} never happens ({p.Description})"));
        return "works: no property violated";
    }

    private static string Describe(Violation v)
    {
        string rules = v.Rules.Count > 0 ? $" [{string.Join(", ", v.Rules)}]" : "";
        return $"{v.Property.Id}{rules}: {v.Detail}";
    }

    /// <summary>Describe starts with who acts ("client receives ...", "server answers ..."); the
    /// arrow already says it.</summary>
    private static string WithoutSubject(string description)
    {
        foreach (string subject in (ReadOnlySpan<string>)["client ", "server ", "network "])
        {
            if (description.StartsWith(subject, StringComparison.Ordinal)) return description[subject.Length..];
        }

        return description;
    }

    private static void Line(StringBuilder text, string line) => text.Append(Indent).Append(line).Append('\n');
}
