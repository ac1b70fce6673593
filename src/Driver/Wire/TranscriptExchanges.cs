using McpFuzz.Driver.Transcripts;

namespace McpFuzz.Driver.Wire;

/// <summary>Turns exchanges read from transcripts (<c>curl -v</c> output) into wire exchanges,
/// decoding event-stream bodies. Transcripts carry no times, so every timestamp is null.</summary>
public static class TranscriptExchanges
{
    /// <summary>The wire exchanges of <paramref name="exchanges"/>, renumbered; a transcript entry
    /// without a request (a bare response) has no wire exchange and is skipped.</summary>
    public static IReadOnlyList<WireExchange> From(IEnumerable<HttpExchange> exchanges)
    {
        var result = new List<WireExchange>();
        foreach (var exchange in exchanges)
        {
            if (exchange.Request is null) continue;
            result.Add(new WireExchange(result.Count, Request(exchange.Request), exchange.Response is null ? null : Response(exchange.Response)));
        }

        return result;
    }

    /// <summary>A request start line is "METHOD target HTTP/x"; a line without a target keeps an empty one.</summary>
    public static WireRequest Request(HttpMessage message)
    {
        string[] parts = message.StartLine.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        return new WireRequest(parts.Length > 0 ? parts[0] : "", parts.Length > 1 ? parts[1] : "", message.Headers, message.Body);
    }

    /// <summary>An unreadable status line gives status 0, which no abstraction accepts.</summary>
    public static WireResponse Response(HttpMessage message)
    {
        var head = new WireResponse(message.Status ?? 0, message.Headers, message.Body, [], new WireStreamEnd(StreamEndKind.Clean));
        if (!head.IsEventStream) return head;
        var (events, end) = SseBody.Decode(message.Body);
        return head with { Body = [], Events = events, End = end };
    }
}
