using McpFuzz.Model.Revisions;

namespace McpFuzz.Model.Machines.Peers;

/// <summary>What a peer implements: one revision, or dual-era (2026-07-28/basic/versioning: the
/// newest legacy revision plus the modern one).</summary>
public enum PeerRevision : byte
{
    V2024_11_05 = 0,
    V2025_03_26 = 1,
    V2025_06_18 = 2,
    V2025_11_25 = 3,
    V2026_07_28 = 4,
    DualEra = 5,
}

public static class PeerRevisions
{
    public static IReadOnlyList<PeerRevision> All { get; } =
        [PeerRevision.V2024_11_05, PeerRevision.V2025_03_26, PeerRevision.V2025_06_18, PeerRevision.V2025_11_25, PeerRevision.V2026_07_28, PeerRevision.DualEra];

    public static string ToText(this PeerRevision peer) => peer == PeerRevision.DualEra ? "dual-era" : ((Revision)peer).ToText();

    public static bool TryParse(string text, out PeerRevision peer)
    {
        if (text == "dual-era")
        {
            peer = PeerRevision.DualEra;
            return true;
        }

        bool ok = Revisions.Revisions.TryParse(text, out var revision);
        peer = (PeerRevision)revision;
        return ok;
    }

    /// <summary>The newest legacy revision the peer speaks, or null for a modern-only peer.
    /// Legacy peers also speak every older legacy revision, as the SDKs do: version negotiation
    /// (2024-11-05/basic/lifecycle#version-negotiation) exists so that they can.</summary>
    public static Revision? LatestLegacy(this PeerRevision peer) => peer switch
    {
        PeerRevision.V2026_07_28 => null,
        PeerRevision.DualEra => Revision.V2025_11_25,
        _ => (Revision)peer,
    };

    public static bool SpeaksModern(this PeerRevision peer) => peer is PeerRevision.V2026_07_28 or PeerRevision.DualEra;

    public static bool Supports(this PeerRevision peer, Revision revision) =>
        revision == Revision.V2026_07_28 ? peer.SpeaksModern() : peer.LatestLegacy() is { } latest && revision <= latest;

    /// <summary>Whether the peer's legacy side is Streamable HTTP (2025-03-26 and later) rather
    /// than only HTTP+SSE.</summary>
    public static bool SpeaksStreamableHttp(this PeerRevision peer) => peer != PeerRevision.V2024_11_05;
}
