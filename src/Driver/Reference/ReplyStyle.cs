namespace McpFuzz.Driver.Reference;

/// <summary>Which of its allowed answers the reference server gives to a request: a JSON body, an
/// SSE stream, or (2025-11-25 polling) a stream it closes after the priming event and finishes on
/// resumption. Where the preferred answer is not allowed, the next one is given.</summary>
public enum ReplyStyle : byte
{
    Json = 0,
    Sse = 1,
    Poll = 2,
}
