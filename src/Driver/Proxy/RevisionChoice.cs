using McpFuzz.Model.Revisions;

namespace McpFuzz.Driver.Proxy;

/// <summary>
/// Which revision's models judge a proxied conversation: each conversation's own, read from its
/// first exchange (<see cref="SessionRevision"/>: the server's by what was negotiated, the client's
/// by what it asked for), with <see cref="Default"/> when it tells none;
/// or <see cref="Default"/> for every conversation when the user pinned one (<c>--revision</c>).
/// </summary>
public sealed record RevisionChoice(Revision Default, bool Pinned)
{
    /// <summary>Every conversation is judged by <paramref name="revision"/>, whatever it negotiated.</summary>
    public static RevisionChoice Pin(Revision revision) => new(revision, true);

    /// <summary>Each conversation by the revision it shows; <paramref name="fallback"/> when it shows none.</summary>
    public static RevisionChoice Detect(Revision fallback = Revision.V2025_11_25) => new(fallback, false);

    /// <summary>The revision of the server machine of a conversation whose first exchange is
    /// <paramref name="first"/>: what the session negotiated (<see cref="SessionRevision.Of"/>),
    /// except when a 2026-07-28 request (a dual-era client's probe) was refused with an error status:
    /// that server showed it does not speak 2026-07-28, and a legacy server owes such a request only
    /// a legacy error, so it is judged by the default.</summary>
    public Revision Server(Driver.Wire.WireExchange first)
    {
        if (Pinned) return Default;
        var shown = SessionRevision.Of(first) ?? Default;
        return shown == Revision.V2026_07_28 && Default != Revision.V2026_07_28 && first.Response is { Status: >= 400 } ? Default : shown;
    }

    /// <summary>The revision of the client model: the one the client asked for in <c>initialize</c>
    /// (the oracle follows the negotiation from there), else what the exchange shows.</summary>
    public Revision Client(Driver.Wire.WireExchange first) =>
        Pinned ? Default : SessionRevision.Requested(first) ?? SessionRevision.Of(first) ?? Default;

    /// <summary>The client model's peer: the client's revision, except that a client whose
    /// 2026-07-28 request was refused with an error status (a probe) is followed as a dual-era
    /// client, which may go on with <c>initialize</c> or HTTP+SSE.</summary>
    public Model.Machines.Peers.PeerRevision ClientPeer(Driver.Wire.WireExchange first)
    {
        var revision = Client(first);
        return !Pinned && revision == Revision.V2026_07_28 && first.Response is { Status: >= 400 }
            ? Model.Machines.Peers.PeerRevision.DualEra
            : (Model.Machines.Peers.PeerRevision)(int)revision;
    }

    public string Describe() => Pinned ? Default.ToText() : $"each conversation's own revision (default {Default.ToText()})";
}
