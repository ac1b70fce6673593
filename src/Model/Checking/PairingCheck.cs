namespace McpFuzz.Model.Checking;

/// <summary>One pairing checked: the shortest violation, and, when that violation is a side
/// deviating from its conforming machine, what the deviation leads to if nobody objects. The
/// first answers "which side is wrong", the second "what the user sees".</summary>
public sealed record PairingCheck(Pairing Pairing, Exploration<WorldAction> Exploration, Exploration<WorldAction>? Consequence)
{
    public static PairingCheck Run(Pairing pairing, ExplorationBounds bounds)
    {
        var judged = Explorer.Run(new McpWorld(pairing), bounds);
        if (judged.Violation?.Property is not { } property || (property != McpProperties.ClientConforms && property != McpProperties.ServerConforms))
            return new PairingCheck(pairing, judged, null);
        var unjudged = Explorer.Run(new McpWorld(pairing, judge: false), bounds);
        return new PairingCheck(pairing, judged, unjudged.Violation is null ? null : unjudged);
    }
}
