using McpFuzz.Model.Machines.Kernel;

namespace McpFuzz.Tests.Machines.Kernel;

public class ExportTests
{
    public enum Door : byte { Open, Shut, Closed, Locked, Removed }

    public enum Act : byte { Close, Open, Lock, Unlock, Knock, Remove }

    private static readonly Guard<int, int> HasKey = (in _, in key) => key == 42;

    private static StateMachine<Door, Act, int, int> DoorMachine(string guardName = "hasKey", string name = "door")
    {
        var b = new MachineBuilder<Door, Act, int, int>(name, Door.Open);
        b.Configure(Door.Open).Permit(Act.Close, Door.Closed).Ignore(Act.Knock);
        b.Configure(Door.Shut).Permit(Act.Remove, Door.Removed);
        b.Configure(Door.Closed).SubstateOf(Door.Shut)
            .Permit(Act.Open, Door.Open)
            .PermitIf(Act.Lock, Door.Locked, guardName, HasKey);
        b.Configure(Door.Locked).SubstateOf(Door.Shut)
            .PermitIf(Act.Unlock, Door.Closed, guardName, HasKey, "useKey", (in c, in _) => c + 1)
            .InternalTransition(Act.Knock, "count", (in c, in _) => c + 1)
            .PermitReentry(Act.Lock);
        b.Configure(Door.Removed).Final();
        return b.Build();
    }

    private const string Odd = "say \"hi\"; #1 <b>\\ x\ny";

    [Fact]
    public void Mermaid_draws_superstates_as_composites_with_edges_in_the_innermost_common_one()
    {
        const string expected = """
            ---
            title: "door"
            ---
            stateDiagram-v2
                [*] --> Open
                Open
                state Shut {
                    Closed
                    Locked
                    Closed --> Locked : Lock [hasKey]
                    Locked --> Closed : Unlock [hasKey] / useKey
                    Locked --> Locked : Knock / count
                    Locked --> Locked : Lock
                }
                Removed
                Open --> Closed : Close
                Shut --> Removed : Remove
                Closed --> Open : Open
                Removed --> [*]

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), DoorMachine().ToMermaid());
    }

    [Fact]
    public void Dot_draws_superstates_as_clusters_holding_their_own_node()
    {
        const string expected = """
            digraph "door" {
                node [shape=box, style=rounded];
                "[*]" [shape=point, label=""];
                "Open";
                subgraph "cluster_Shut" {
                    label="Shut";
                    "Shut";
                    "Closed";
                    "Locked";
                }
                "Removed" [peripheries=2];
                "[*]" -> "Open";
                "Open" -> "Closed" [label="Close"];
                "Shut" -> "Removed" [label="Remove"];
                "Closed" -> "Open" [label="Open"];
                "Closed" -> "Locked" [label="Lock [hasKey]"];
                "Locked" -> "Closed" [label="Unlock [hasKey] / useKey"];
                "Locked" -> "Locked" [label="Knock / count"];
                "Locked" -> "Locked" [label="Lock"];
            }

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), DoorMachine().ToDot());
    }

    [Fact]
    public void Mermaid_labels_use_entity_codes_for_quotes_and_statement_syntax()
    {
        string text = DoorMachine(Odd, "a \"quoted\" \\ name").ToMermaid();
        Assert.Contains("title: \"a \\\"quoted\\\" \\\\ name\"\n", text);
        Assert.Contains("    Closed --> Locked : Lock [say #quot;hi#quot;#59; #35;1 #lt;b#gt;\\ x y]\n", text);
        // The label stays on one line: nothing of it leaks into a statement of its own.
        Assert.DoesNotContain("\ny]", text);
        Assert.Equal(DoorMachine().ToMermaid().Split('\n').Length, text.Split('\n').Length);
    }

    [Fact]
    public void Dot_escapes_quotes_backslashes_and_line_breaks()
    {
        string text = DoorMachine(Odd, "a \"quoted\" \\ name").ToDot();
        Assert.StartsWith("digraph \"a \\\"quoted\\\" \\\\ name\" {\n", text);
        Assert.Contains("\"Closed\" -> \"Locked\" [label=\"Lock [say \\\"hi\\\"; #1 <b>\\\\ x\\ny]\"];\n", text);
    }

    [Fact]
    public void Ignore_transitions_are_not_drawn()
    {
        Assert.DoesNotContain("Knock", DoorMachine().ToMermaid().Split('\n').Where(l => l.Contains("Open -->")));
        Assert.DoesNotContain("Open\" -> \"Open", DoorMachine().ToDot());
    }

    [Fact]
    public void Exports_are_deterministic()
    {
        Assert.Equal(DoorMachine().ToMermaid(), DoorMachine().ToMermaid());
        Assert.Equal(DoorMachine().ToDot(), DoorMachine().ToDot());
        Assert.Equal(ToySession.Builder().Build().ToMermaid(), ToySession.Machine.ToMermaid());
    }

    [Fact]
    public void The_toy_session_keeps_edges_of_the_superstate_outside_it()
    {
        string text = ToySession.Machine.ToMermaid();
        int open = text.IndexOf("    state Session {\n", StringComparison.Ordinal);
        int close = text.IndexOf("\n    }\n", open, StringComparison.Ordinal);
        Assert.True(open > 0 && close > open);
        string inside = text[open..close];
        Assert.Contains("        Busy --> Ready : Respond [last] / complete", inside);
        Assert.DoesNotContain("Session --> ", inside);
        // An edge into a composite's substate from outside sits at the top level.
        Assert.Contains("\n    Initializing --> Ready : Initialized / authorize\n", text[close..]);
        Assert.Contains("\n    Session --> Session : Ping / countPing\n", text[close..]);
    }

    [Fact]
    public void Nested_composites_nest_in_both_formats()
    {
        var b = new MachineBuilder<Door, Act, int, int>("nested", Door.Closed);
        b.Configure(Door.Shut).SubstateOf(Door.Open);
        b.Configure(Door.Closed).SubstateOf(Door.Shut).Permit(Act.Lock, Door.Locked);
        b.Configure(Door.Locked).SubstateOf(Door.Shut).Permit(Act.Unlock, Door.Shut);
        var m = b.Build();

        Assert.Contains("""
                state Open {
                    state Shut {
                        Closed
                        Locked
                        Closed --> Locked : Lock
                    }
                    Locked --> Shut : Unlock
                }
            """.ReplaceLineEndings("\n"), m.ToMermaid());
        Assert.Contains("""
                subgraph "cluster_Open" {
                    label="Open";
                    "Open";
                    subgraph "cluster_Shut" {
                        label="Shut";
                        "Shut";
                        "Closed";
                        "Locked";
                    }
                }
            """.ReplaceLineEndings("\n"), m.ToDot());
    }
}
