using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Driver.Reference;

/// <summary>
/// The reference server as the target of <c>mcpfuzz server --embedded</c>: started on 127.0.0.1
/// with the profiles asked for, answering in the style that lets its profiles show, together with
/// the revisions to test it at.
/// </summary>
public sealed class EmbeddedTarget : IAsyncDisposable
{
    private EmbeddedTarget(ReferenceServer server, IReadOnlyList<Revision> revisions)
    {
        Server = server;
        Revisions = revisions;
    }

    public ReferenceServer Server { get; }

    public Uri Url => Server.Url;

    /// <summary>Every revision the server speaks as a single-revision peer, or both eras of a dual-era one.</summary>
    public IReadOnlyList<Revision> Revisions { get; }

    public static async Task<EmbeddedTarget> StartAsync(PeerRevision peer, ServerProfile profile, CancellationToken cancel = default)
    {
        var server = await ReferenceServer.StartAsync(peer, profile, ReplyFor(profile), 0, cancel).ConfigureAwait(false);
        return new EmbeddedTarget(server, RevisionsOf(peer));
    }

    /// <summary>SSE replies, so that streams carry what profiles change (events, ids, batches);
    /// polling replies for close-before-response, whose deviation is closing a polled stream
    /// early on sessions too old for polling.</summary>
    public static ReplyStyle ReplyFor(ServerProfile profile) =>
        (profile & ServerProfile.CloseBeforeResponse) != 0 ? ReplyStyle.Poll : ReplyStyle.Sse;

    public static IReadOnlyList<Revision> RevisionsOf(PeerRevision peer) => peer switch
    {
        PeerRevision.DualEra => [Revision.V2025_11_25, Revision.V2026_07_28],
        _ => [(Revision)(int)peer],
    };

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
