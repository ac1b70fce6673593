namespace McpFuzz.Driver.Server;

/// <summary>The bounds every exchange with a server under test keeps, so that a hostile or broken
/// server costs a bounded amount of time and memory: it is a finding, never a hang.</summary>
/// <param name="Timeout">How long one exchange may take, head and body.</param>
/// <param name="Listen">How long a GET stream is listened to before the client closes it.</param>
/// <param name="MaxBodyBytes">Bytes read from one response body; the rest is not read.</param>
/// <param name="MaxEvents">SSE events read from one response.</param>
public sealed record ProbeLimits(TimeSpan Timeout, TimeSpan Listen, int MaxBodyBytes = 1 << 20, int MaxEvents = 200)
{
    public static ProbeLimits Default { get; } = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1));
}
