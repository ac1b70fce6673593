using McpFuzz.Model.Wire.Sse;

namespace McpFuzz.Driver.Wire;

/// <summary>One dispatched SSE event as a WHATWG client decodes it (text fields decoded from UTF-8
/// with replacement), plus what the reader saw that a browser hides (<see cref="Flags"/>).</summary>
/// <param name="Type">The event type; <c>message</c> when the event named none.</param>
/// <param name="Id">The event id this event set, or null when it had no accepted <c>id</c> field.</param>
/// <param name="Retry">The reconnection time a <c>retry</c> field of this event set, or -1.</param>
public sealed record WireSseEvent(string Type, string? Id, string Data, long Retry, SseEventFlags Flags, DateTimeOffset? At = null)
{
    public bool HasRetry => (Flags & SseEventFlags.HasRetry) != 0;

    /// <summary>Copies a reader's event (valid only until the reader's next call).</summary>
    /// <summary>Copies an event record of <see cref="SseStreamReader"/>.</summary>
    public static WireSseEvent From(SseRecord record, DateTimeOffset? at = null) =>
        new(record.Type, record.HasId ? record.LastEventId : null, record.Data, record.Retry, record.Flags, at);

    public static WireSseEvent From(in SseEvent item, DateTimeOffset? at = null) =>
        new(item.TypeString(), item.HasId ? item.LastEventIdString() : null, item.DataString(), item.Retry, item.Flags, at);
}
