namespace McpFuzz.Driver.Nightly;

/// <summary>
/// Splits a nightly budget over its parts, run one after another. Each part gets an equal share
/// of what is left when it starts, so a part that overruns (process starts, a slow server) takes
/// from those after it rather than making the night longer, and one that stops early gives its
/// time to the rest.
/// </summary>
public sealed class NightlyBudget(TimeSpan total, int parts, Func<TimeSpan> elapsed)
{
    /// <summary>The least a part is given, however late it starts: a campaign shorter than this
    /// would be all process start.</summary>
    public static readonly TimeSpan Minimum = TimeSpan.FromSeconds(1);

    private int started;

    public TimeSpan Total => total;

    /// <summary>The share of the part about to start.</summary>
    public TimeSpan Next()
    {
        int left = Math.Max(1, parts - started);
        started++;
        var remaining = total - elapsed();
        var share = remaining / left;
        return share < Minimum ? Minimum : share;
    }
}
