using McpFuzz.Model.Wire.Sse;

namespace McpFuzz.Driver.Wire;

/// <summary>Decodes a complete <c>text/event-stream</c> body with the Model's reader.</summary>
public static class SseBody
{
    /// <summary>The events of <paramref name="body"/> and how it ended: clean when it stopped
    /// between events, aborted when it stopped inside one or hit a reader limit.</summary>
    public static (IReadOnlyList<WireSseEvent> Events, WireStreamEnd End) Decode(ReadOnlySpan<byte> body, SseReaderOptions? options = null)
    {
        var reader = new SseReader(options);
        var events = new List<WireSseEvent>();
        while (true)
        {
            SseToken token = reader.Read(body, out int consumed, out SseEvent item);
            body = body.Slice(consumed);
            if (token == SseToken.Event) events.Add(WireSseEvent.From(item));
            else if (token != SseToken.Comment) break;
        }

        SseStreamEnd end = reader.Complete();
        bool clean = !end.EndedInsideEvent && end.Limit == SseLimit.None;
        return (events, new WireStreamEnd(clean ? StreamEndKind.Clean : StreamEndKind.Aborted));
    }
}
