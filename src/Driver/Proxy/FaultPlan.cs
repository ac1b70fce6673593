namespace McpFuzz.Driver.Proxy;

/// <summary>
/// Decides, from one seeded random source, which requests and responses get the faults asked
/// for. The same seed and the same traffic in the same order give the same faults; with
/// concurrent traffic the order is the order the proxy saw, so a seed narrows a rerun down but
/// does not replay it exactly.
/// </summary>
public sealed class FaultPlan(IReadOnlyList<ProxyFault> faults, int seed)
{
    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();
    private int _aborted;
    private readonly Dictionary<string, int> _requestsPerSession = new(StringComparer.Ordinal);

    public int Seed => seed;

    public IReadOnlyList<ProxyFault> Faults => faults;

    /// <summary>How long to hold a request before it goes upstream (zero: not at all).</summary>
    public TimeSpan DelayFor()
    {
        var total = TimeSpan.Zero;
        foreach (var delay in faults.OfType<ProxyFault.Delay>())
        {
            if (Draw(delay.P)) total += TimeSpan.FromMilliseconds(delay.Milliseconds);
        }

        return total;
    }

    /// <summary>Counts a request of <paramref name="session"/>; true when the proxy answers it 404 as an expired session.</summary>
    public bool Expires(string? session)
    {
        if (session is null || faults.OfType<ProxyFault.ExpireSession>().FirstOrDefault() is not { } expire) return false;
        lock (_gate)
        {
            int seen = _requestsPerSession.GetValueOrDefault(session);
            _requestsPerSession[session] = seen + 1;
            return seen >= expire.After;
        }
    }

    /// <summary>For an event-stream response whose first chunk has <paramref name="length"/> bytes:
    /// the number of its bytes to pass on before the stream is cut, or null to leave it whole.</summary>
    public int? AbortAt(int length)
    {
        if (length <= 0 || faults.OfType<ProxyFault.AbortStream>().FirstOrDefault() is not { } abort || !Draw(abort.P)) return null;
        lock (_gate)
        {
            if (_aborted >= abort.Max) return null;
            _aborted++;
            return _random.Next(0, length);
        }
    }

    private bool Draw(double p)
    {
        if (p >= 1) return true;
        if (p <= 0) return false;
        lock (_gate) return _random.NextDouble() < p;
    }
}
