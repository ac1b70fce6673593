using McpFuzz.Driver.Wire;
using McpFuzz.Model.Wire.Sse;

namespace McpFuzz.Driver.Proxy;

/// <summary>
/// Decodes an event stream chunk by chunk as it is relayed, so that each event reaches the wire
/// log (and its time stamp) when it passed, not when the stream ended. Keeps at most
/// <see cref="MaxKept"/> events for judging; the reader's own limits bound the rest.
/// </summary>
public sealed class LiveSseDecoder
{
    public const int MaxKept = 10_000;

    private readonly SseReader _reader = new(new SseReaderOptions { MaxEventSize = CheckingProxy.MaxBody, MaxLineLength = CheckingProxy.MaxBody });
    private readonly List<WireSseEvent> _events = [];
    private readonly Lock _gate = new();

    /// <summary>The events decoded so far (a copy).</summary>
    public IReadOnlyList<WireSseEvent> Events
    {
        get
        {
            lock (_gate) return _events.ToArray();
        }
    }

    /// <summary>Decodes one chunk; returns the events it completed.</summary>
    public IReadOnlyList<WireSseEvent> Feed(ReadOnlySpan<byte> chunk)
    {
        var completed = new List<WireSseEvent>();
        while (true)
        {
            var token = _reader.Read(chunk, out int consumed, out SseEvent item);
            chunk = chunk[consumed..];
            if (token == SseToken.Event) completed.Add(WireSseEvent.From(item, DateTimeOffset.UtcNow));
            else if (token != SseToken.Comment || chunk.IsEmpty) break;
        }

        lock (_gate) _events.AddRange(completed.Take(MaxKept - _events.Count));
        return completed;
    }

    /// <summary>How the stream ended when the upstream closed it: clean between events, aborted inside one or at a limit.</summary>
    public StreamEndKind Complete()
    {
        var end = _reader.Complete();
        return !end.EndedInsideEvent && end.Limit == SseLimit.None ? StreamEndKind.Clean : StreamEndKind.Aborted;
    }
}
