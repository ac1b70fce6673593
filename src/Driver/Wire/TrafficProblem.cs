namespace McpFuzz.Driver.Wire;

/// <summary>Part of a recording that could not be used, and why.</summary>
/// <param name="Place">Where it is: "line 4" (of a wire log, or of a HAR file that is not valid
/// JSON there), "entry 2" (one-based, of a HAR file's <c>log.entries</c>) or "file".</param>
public sealed record TrafficProblem(string Place, string Reason)
{
    public static TrafficProblem InFile(string reason) => new("file", reason);

    public static TrafficProblem AtLine(long line, string reason) => new($"line {line}", reason);

    public static TrafficProblem AtEntry(long entry, string reason) => new($"entry {entry}", reason);

    public override string ToString() => $"{Place}: {Reason}";
}
