using System.Text;

namespace McpFuzz.Model.Machines.Kernel;

/// <summary>Writes a machine as a Mermaid <c>stateDiagram-v2</c>: superstates become composite
/// states, each edge is declared inside the innermost composite holding both of its ends, and
/// labels are transition labels with Mermaid's entity codes for characters its parser would take
/// for syntax. Lines end in LF whatever the platform, so the text can serve as a golden file.</summary>
internal static class MermaidExport
{
    private const string Indent = "    ";

    public static string Write<TState, TTrigger, TContext, TInput>(StateMachine<TState, TTrigger, TContext, TInput> machine)
        where TState : struct, Enum
        where TTrigger : struct, Enum
        where TContext : struct
    {
        var tree = new SubstateTree<TState, TTrigger, TContext, TInput>(machine);
        var text = new StringBuilder();
        text.Append("---\ntitle: \"").Append(MermaidText.YamlQuoted(machine.Name)).Append("\"\n---\n");
        text.Append("stateDiagram-v2\n");
        text.Append(Indent).Append("[*] --> ").Append(machine.Initial).Append('\n');
        WriteScope(text, machine, tree, null, 1);
        foreach (var state in machine.States.Where(machine.IsFinal))
            text.Append(Indent).Append(state).Append(" --> [*]\n");
        return text.ToString();
    }

    private static void WriteScope<TState, TTrigger, TContext, TInput>(
        StringBuilder text, StateMachine<TState, TTrigger, TContext, TInput> machine,
        SubstateTree<TState, TTrigger, TContext, TInput> tree, TState? scope, int depth)
        where TState : struct, Enum
        where TTrigger : struct, Enum
        where TContext : struct
    {
        string indent = string.Concat(Enumerable.Repeat(Indent, depth));
        foreach (var state in tree.ChildrenOf(scope))
        {
            if (tree.IsComposite(state))
            {
                text.Append(indent).Append("state ").Append(state).Append(" {\n");
                WriteScope(text, machine, tree, state, depth + 1);
                text.Append(indent).Append("}\n");
            }
            else
            {
                text.Append(indent).Append(state).Append('\n');
            }
        }

        foreach (var edge in tree.Edges.Where(e => Nullable.Equals(tree.ScopeOf(e.From, e.To), scope)))
        {
            text.Append(indent).Append(edge.From).Append(" --> ").Append(edge.To)
                .Append(" : ").Append(MermaidText.Label(edge.Label)).Append('\n');
        }
    }
}
