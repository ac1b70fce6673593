namespace McpFuzz.Driver.Wire;

/// <summary>A line of a wire log that could not be used, and why.</summary>
/// <param name="Line">One-based line number.</param>
public sealed record WireLogProblem(long Line, string Reason);

/// <summary>What a wire log held: the exchanges rebuilt from it, in the order their requests
/// appear, and the lines that were skipped.</summary>
public sealed record WireLogContents(IReadOnlyList<WireExchange> Exchanges, IReadOnlyList<WireLogProblem> Problems);

/// <summary>Bounds on what <see cref="WireLogReader"/> reads: a hostile or corrupt file costs at
/// most <see cref="MaxLineLength"/> bytes of buffer and <see cref="MaxLines"/> lines.</summary>
public sealed record WireLogLimits(int MaxLineLength = 16 * 1024 * 1024, long MaxLines = 1_000_000)
{
    public static WireLogLimits Default { get; } = new();
}
