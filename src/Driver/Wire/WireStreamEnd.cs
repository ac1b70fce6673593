namespace McpFuzz.Driver.Wire;

/// <summary>How a response body stopped arriving.</summary>
public enum StreamEndKind
{
    /// <summary>The server ended the body between events (or sent a complete non-SSE body).</summary>
    Clean,

    /// <summary>The connection broke, or the body stopped inside an event or at a size limit.</summary>
    Aborted,

    /// <summary>The client gave up waiting.</summary>
    Timeout,
}

/// <summary>The end of a response body.</summary>
/// <param name="At">When it ended; null when the source recorded no time.</param>
public sealed record WireStreamEnd(StreamEndKind Kind, DateTimeOffset? At = null);
