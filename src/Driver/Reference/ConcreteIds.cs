namespace McpFuzz.Driver.Reference;

/// <summary>The concrete values a running reference server puts on the wire for the model's
/// symbols: session ids (S1, S2, ...) and event ids (e1, e2, ...). One table per server
/// instance, so ids differ between runs and never collide within one.</summary>
public sealed class ConcreteIds(string instance)
{
    /// <summary>A session id of visible ASCII (2025-03-26/basic/transports#session-management),
    /// unguessable enough for a test server: the instance's random part and the symbol.</summary>
    public string Session(byte symbol) => $"mcpfuzz-{instance}-s{symbol}";

    /// <summary>Event ids carry the session, so a Last-Event-ID from another session is recognisably foreign.</summary>
    public string Event(byte session, byte symbol) => $"s{session}-e{symbol}";

    /// <summary>The HTTP+SSE POST endpoint that the `endpoint` event names (2024-11-05/basic/transports#http-with-sse).</summary>
    public string LegacyEndpoint(byte session) => $"/messages?sessionId={Session(session)}";

    public static ConcreteIds Fresh() => new(Guid.NewGuid().ToString("N")[..12]);
}
