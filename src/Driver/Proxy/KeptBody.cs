using McpFuzz.Driver.Wire;

namespace McpFuzz.Driver.Proxy;

/// <summary>
/// What the proxy keeps of one upstream body while relaying it, for the wire log and the judge:
/// the bytes of a plain body (up to <see cref="CheckingProxy.MaxBody"/>), or the events of a stream,
/// decoded and logged (and handed to <paramref name="passed"/>) as they pass.
/// </summary>
public sealed class KeptBody(bool eventStream, int exchange, WireLogWriter? log, Action<WireSseEvent>? passed = null)
{
    private readonly MemoryStream _bytes = new();
    private readonly LiveSseDecoder? _events = eventStream ? new LiveSseDecoder() : null;

    /// <summary>A plain body reached the bound: the rest is relayed but not kept.</summary>
    public bool Full => _events is null && _bytes.Length >= CheckingProxy.MaxBody;

    public void Add(ReadOnlySpan<byte> chunk)
    {
        if (_events is not null)
        {
            foreach (var e in _events.Feed(chunk))
            {
                log?.Event(exchange, e);
                passed?.Invoke(e);
            }
        }
        else if (!Full) _bytes.Write(chunk[..(int)Math.Min(chunk.Length, CheckingProxy.MaxBody - _bytes.Length)]);
    }

    private IReadOnlyList<WireSseEvent>? _clientEvents;

    /// <summary>An injected cut: the client got only <paramref name="prefix"/> of the stream (its first chunk's first bytes).</summary>
    public void CutForClient(ReadOnlySpan<byte> prefix) => _clientEvents = new LiveSseDecoder().Feed(prefix);

    /// <summary>The answer as the client received it when the stream was cut for it: the events
    /// complete before the cut, then a broken connection; null when it was not cut.</summary>
    public WireResponse? ClientSaw(WireResponse head) =>
        _clientEvents is { } events ? head with { Events = events, End = new WireStreamEnd(StreamEndKind.Aborted, DateTimeOffset.UtcNow) } : null;

    /// <summary>The answer so far, for a stream judged on its listening window: the client is still listening.</summary>
    public WireResponse Window(WireResponse head) => head with { Events = _events?.Events ?? [], End = new WireStreamEnd(StreamEndKind.Timeout, DateTimeOffset.UtcNow) };

    /// <summary>The whole answer once the body ended as <paramref name="end"/> (logged here); a stream the
    /// upstream closed is clean only when it stopped between events.</summary>
    public WireResponse Answer(WireResponse head, StreamEndKind end)
    {
        var at = DateTimeOffset.UtcNow;
        WireResponse answer;
        if (_events is null)
        {
            answer = head with { Body = _bytes.ToArray(), End = new WireStreamEnd(Full && end == StreamEndKind.Clean ? StreamEndKind.Timeout : end, at) };
            if (answer.Body.Length > 0) log?.Body(exchange, answer.Body, at);
        }
        else answer = head with { Events = _events.Events, End = new WireStreamEnd(end == StreamEndKind.Clean ? _events.Complete() : end, at) };

        log?.End(exchange, answer.End!);
        return answer;
    }
}
