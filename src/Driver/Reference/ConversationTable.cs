using McpFuzz.Model.Machines.Server;

namespace McpFuzz.Driver.Reference;

/// <summary>
/// Which conversation a request belongs to: the one that minted its session id (Streamable HTTP)
/// or announced its endpoint (HTTP+SSE). Every other request (initialize, a first GET of the SSE
/// stream, a stateless 2026-07-28 request, an id never minted) starts a fresh conversation, as it
/// would with a real server. The table is bounded: the oldest conversations are forgotten first,
/// and their ids then read as unknown.
/// </summary>
public sealed class ConversationTable(string instance, ServerPhase initial)
{
    public const int Capacity = 256;

    private readonly Dictionary<string, ReferenceConversation> _byKey = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private int _started;

    /// <summary>The conversation <paramref name="key"/> (a session id or endpoint id) names, or a fresh one.</summary>
    public ReferenceConversation Find(string? key) =>
        key is not null && _byKey.TryGetValue(key, out var known) ? known : new ReferenceConversation(initial, new ConcreteIds($"{instance}-{++_started}"));

    /// <summary>Later requests naming <paramref name="key"/> go to <paramref name="conversation"/>.</summary>
    public void Register(string key, ReferenceConversation conversation)
    {
        if (_byKey.ContainsKey(key)) return;
        _byKey[key] = conversation;
        _order.Enqueue(key);
        while (_order.Count > Capacity && _order.TryDequeue(out var oldest))
        {
            if (_byKey.Remove(oldest, out var forgotten) && !_byKey.ContainsValue(forgotten)) forgotten.LegacyStream?.Writer.TryComplete();
        }
    }

    /// <summary>Forgets <paramref name="key"/>: its conversation ended (the HTTP+SSE stream closed).</summary>
    public void Remove(string key) => _byKey.Remove(key);
}
