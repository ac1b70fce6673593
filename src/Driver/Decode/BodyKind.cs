using McpFuzz.Driver.Transcripts;
using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Driver.Decode;

/// <summary>How to read an HTTP body, from its Content-Type.</summary>
public enum BodyKind
{
    Empty,
    EventStream,
    Json,
    Other,
}

public static class BodyKinds
{
    public static BodyKind Of(HttpMessage message)
    {
        if (message.Body.Length == 0) return BodyKind.Empty;
        string? contentType = message.Headers.Get(HeaderNames.ContentType);
        if (MediaType.IsEventStreamContentType(contentType)) return BodyKind.EventStream;
        if (MediaType.IsJsonContentType(contentType)) return BodyKind.Json;
        return BodyKind.Other;
    }
}
