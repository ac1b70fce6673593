namespace McpFuzz.Model.Machines.Kernel;

public sealed partial class StateMachine<TState, TTrigger, TContext, TInput>
{
    /// <summary>The machine as a Mermaid stateDiagram-v2 (substates as composite states; edge labels
    /// are transition labels; Ignore transitions are not drawn). Same machine, same text.</summary>
    public string ToMermaid() => MermaidExport.Write(this);

    /// <summary>The machine as a Graphviz digraph with a cluster per superstate (Ignore transitions
    /// are not drawn). Same machine, same text.</summary>
    public string ToDot() => DotExport.Write(this);
}
