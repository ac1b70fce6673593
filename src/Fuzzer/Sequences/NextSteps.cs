using McpFuzz.Model.Machines.Peers;

namespace McpFuzz.Fuzzer.Sequences;

/// <summary>
/// What a client of a revision can do next, after the steps so far: the client model as the
/// generators follow it. A Streamable HTTP client initializes, acknowledges, then requests, listens,
/// resumes and ends its session (and may start a new one); an HTTP+SSE client opens its stream
/// first; a 2026-07-28 client has no handshake and only POSTs.
/// </summary>
public static class NextSteps
{
    /// <summary>Where a conforming client is, as far as its next step depends on it.</summary>
    public enum Phase : byte
    {
        Fresh,
        StreamOpen,
        Initializing,
        Operating,
        Ended,
    }

    public static Phase Start(PeerRevision revision) => Phase.Fresh;

    public static IReadOnlyList<StepKind> Allowed(PeerRevision revision, Phase phase)
    {
        if (revision == PeerRevision.V2026_07_28) return [StepKind.Request, StepKind.Request, StepKind.Concurrent];
        if (revision == PeerRevision.V2024_11_05)
        {
            return phase switch
            {
                Phase.Fresh => [StepKind.OpenGet],
                Phase.StreamOpen => [StepKind.Initialize],
                Phase.Initializing => [StepKind.Initialized],
                _ => [StepKind.Request, StepKind.Request, StepKind.Notification, StepKind.Concurrent],
            };
        }

        return phase switch
        {
            Phase.Fresh or Phase.Ended => [StepKind.Initialize],
            Phase.Initializing => [StepKind.Initialized],
            _ => [StepKind.Request, StepKind.Request, StepKind.Request, StepKind.Notification, StepKind.Concurrent, StepKind.OpenGet, StepKind.Resume, StepKind.Resume, StepKind.Delete, StepKind.Initialize],
        };
    }

    /// <summary>Steps no conforming client takes in any phase of the revision: what a fault step may do instead.</summary>
    public static IReadOnlyList<StepKind> Any { get; } =
        [StepKind.Initialize, StepKind.Initialized, StepKind.Request, StepKind.Notification, StepKind.OpenGet, StepKind.Resume, StepKind.Delete];

    public static Phase After(PeerRevision revision, Phase phase, StepKind step) => (revision, step) switch
    {
        (PeerRevision.V2026_07_28, _) => Phase.Operating,
        (PeerRevision.V2024_11_05, StepKind.OpenGet) when phase == Phase.Fresh => Phase.StreamOpen,
        (PeerRevision.V2024_11_05, StepKind.Initialize) when phase == Phase.StreamOpen => Phase.Initializing,
        (PeerRevision.V2024_11_05, _) when phase == Phase.Initializing && step == StepKind.Initialized => Phase.Operating,
        (PeerRevision.V2024_11_05, _) => phase,
        (_, StepKind.Initialize) => Phase.Initializing,
        (_, StepKind.Initialized) when phase == Phase.Initializing => Phase.Operating,
        (_, StepKind.Delete) when phase == Phase.Operating => Phase.Ended,
        _ => phase,
    };
}
