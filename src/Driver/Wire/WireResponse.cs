using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Driver.Wire;

/// <summary>An HTTP response: the head, then either the body bytes (JSON or anything that is not an
/// event stream) or, for <c>text/event-stream</c>, the decoded events, then how the body ended.</summary>
/// <param name="Body">The body bytes; empty for an event stream, whose content is <paramref name="Events"/>.</param>
/// <param name="End">How the body ended; null while it is still open (or when a log was cut before it ended).</param>
/// <param name="At">When the head arrived; null when the source recorded no time.</param>
public sealed record WireResponse(
    int Status,
    HeaderList Headers,
    byte[] Body,
    IReadOnlyList<WireSseEvent> Events,
    WireStreamEnd? End,
    DateTimeOffset? At = null)
{
    /// <summary>Whether the Content-Type says the body is an event stream.</summary>
    public bool IsEventStream => MediaType.IsEventStreamContentType(Headers.Get(HeaderNames.ContentType));
}
