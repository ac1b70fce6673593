using McpFuzz.Driver.Transcripts;
using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Driver.Wire;

/// <summary>Turns exchanges read from transcripts (<c>curl -v</c> output, HAR files) into wire
/// exchanges, decoding event-stream bodies. A <c>curl -v</c> transcript carries no times, so its
/// timestamps are null.</summary>
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
    public static WireResponse Response(HttpMessage message) => Response(message.Status ?? 0, message.Headers, message.Body);

    /// <summary>A response recorded whole: a body that is an event stream becomes its events (and
    /// how it ended); any other body is kept and counts as ended cleanly.</summary>
    public static WireResponse Response(int status, HeaderList headers, byte[] body, DateTimeOffset? at = null)
    {
        var head = new WireResponse(status, headers, body, [], new WireStreamEnd(StreamEndKind.Clean), at);
        if (!head.IsEventStream) return head;
        var (events, end) = SseBody.Decode(body);
        return head with { Body = [], Events = events, End = end };
    }
}
