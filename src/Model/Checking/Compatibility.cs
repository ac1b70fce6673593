using McpFuzz.Model.Machines.Peers;

namespace McpFuzz.Model.Checking;

/// <summary>What the specification itself says about which conforming pairs work together
/// (2026-07-28/basic/versioning compatibility matrix; 2025-03-26/basic/transports#backwards-compatibility).
/// The matrix is checked against this: a difference is either a gap in the model or a
/// contradiction in the spec, and either needs a person.</summary>
public static class Compatibility
{
    public static (bool Works, string Why) Expected(PeerRevision client, PeerRevision server)
    {
        if (client == server) return (true, "same revision");
        if (client == PeerRevision.DualEra) return (true, "a dual-era client works with every server (2026-07-28/basic/versioning)");
        if (client == PeerRevision.V2026_07_28)
            return server == PeerRevision.DualEra
                ? (true, "modern client, dual-era server (2026-07-28/basic/versioning)")
                : (false, "a modern client fails against a legacy server (2026-07-28/basic/versioning)");
        if (server == PeerRevision.V2026_07_28) return (false, "a legacy client fails against a modern-only server (2026-07-28/basic/versioning)");
        if (client == PeerRevision.V2024_11_05)
            return (false, "an HTTP+SSE client needs the server to keep the old endpoints (2025-03-26/basic/transports#backwards-compatibility)");
        return (true, "legacy peers negotiate a common version; Streamable HTTP clients fall back to HTTP+SSE (2025-03-26/basic/transports#backwards-compatibility)");
    }
}
