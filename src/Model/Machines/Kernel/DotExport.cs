using System.Text;

namespace McpFuzz.Model.Machines.Kernel;

/// <summary>Writes a machine as a Graphviz digraph. A superstate becomes a cluster that holds a node
/// for the superstate itself (edges it declares start there) and its substates; final states get a
/// double border; the initial arrow starts at a point node named <c>[*]</c>, which no enum member
/// can be called. Every id is quoted; lines end in LF.</summary>
internal static class DotExport
{
    private const string Indent = "    ";

    public static string Write<TState, TTrigger, TContext, TInput>(StateMachine<TState, TTrigger, TContext, TInput> machine)
        where TState : struct, Enum
        where TTrigger : struct, Enum
        where TContext : struct
    {
        var tree = new SubstateTree<TState, TTrigger, TContext, TInput>(machine);
        var text = new StringBuilder();
        text.Append("digraph ").Append(Quoted(machine.Name)).Append(" {\n");
        text.Append(Indent).Append("node [shape=box, style=rounded];\n");
        text.Append(Indent).Append("\"[*]\" [shape=point, label=\"\"];\n");
        WriteNodes(text, machine, tree, null, 1);
        text.Append(Indent).Append("\"[*]\" -> ").Append(Quoted(machine.Initial.ToString())).Append(";\n");
        foreach (var edge in tree.Edges)
        {
            text.Append(Indent).Append(Quoted(edge.From.ToString())).Append(" -> ").Append(Quoted(edge.To.ToString()))
                .Append(" [label=").Append(Quoted(edge.Label)).Append("];\n");
        }

        text.Append("}\n");
        return text.ToString();
    }

    private static void WriteNodes<TState, TTrigger, TContext, TInput>(
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
                text.Append(indent).Append("subgraph ").Append(Quoted("cluster_" + state)).Append(" {\n");
                text.Append(indent).Append(Indent).Append("label=").Append(Quoted(state.ToString())).Append(";\n");
                WriteNode(text, machine, state, indent + Indent);
                WriteNodes(text, machine, tree, state, depth + 1);
                text.Append(indent).Append("}\n");
            }
            else
            {
                WriteNode(text, machine, state, indent);
            }
        }
    }

    private static void WriteNode<TState, TTrigger, TContext, TInput>(
        StringBuilder text, StateMachine<TState, TTrigger, TContext, TInput> machine, TState state, string indent)
        where TState : struct, Enum
        where TTrigger : struct, Enum
        where TContext : struct
    {
        text.Append(indent).Append(Quoted(state.ToString()));
        if (machine.IsFinal(state)) text.Append(" [peripheries=2]");
        text.Append(";\n");
    }

    /// <summary>A DOT double-quoted id: backslash and quote escaped, line breaks as DOT's \n.</summary>
    private static string Quoted(string value) =>
        "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\r", "").Replace("\n", "\\n") + "\"";
}
