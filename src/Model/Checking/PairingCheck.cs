namespace McpFuzz.Model.Checking;

/// <summary>One pairing checked: the shortest violation, and, when that violation is a side
/// deviating from its conforming machine, what the deviation leads to if nobody objects. The
/// first answers "which side is wrong", the second "what the user sees".</summary>
public sealed record PairingCheck(Pairing Pairing, Exploration<WorldAction> Exploration, Exploration<WorldAction>? Consequence)
{
    /// <summary>The first violation is a side deviating from its conforming machine.</summary>
    public bool Deviates => IsDeviation(Exploration.Violation);

    /// <summary>A side deviates, and nothing visible follows from it within the bounds.</summary>
    public bool Harmless => Deviates && Consequence is null;

    public static PairingCheck Run(Pairing pairing, ExplorationBounds bounds) =>
        Explain(pairing, Explorer.Run(new McpWorld(pairing), bounds), bounds);

    /// <summary>The consequence of an exploration already made with the judges.</summary>
    public static PairingCheck Explain(Pairing pairing, Exploration<WorldAction> judged, ExplorationBounds bounds)
    {
        if (!IsDeviation(judged.Violation)) return new PairingCheck(pairing, judged, null);
        var unjudged = Explorer.Run(new McpWorld(pairing, judge: false), bounds);
        return new PairingCheck(pairing, judged, unjudged.Violation is null ? null : unjudged);
    }

    private static bool IsDeviation(Violation? violation) =>
        violation?.Property == McpProperties.ClientConforms || violation?.Property == McpProperties.ServerConforms;
}
