namespace McpFuzz.Model.Wire.Sse;

/// <summary>Bounds on what an <see cref="SseReader"/> will buffer or count. Exceeding one ends the
/// stream with <see cref="SseToken.LimitExceeded"/>; memory never grows past them.</summary>
public sealed record SseReaderOptions
{
    public static SseReaderOptions Default { get; } = new();

    /// <summary>Longest line, in bytes, without its terminator. An MCP event usually carries one
    /// JSON-RPC message on one <c>data:</c> line, so this also bounds a single message.</summary>
    public int MaxLineLength { get; init; } = 8 * 1024 * 1024;

    /// <summary>Largest data buffer of one event, in bytes, counting the LF that joins data lines.</summary>
    public int MaxEventSize { get; init; } = 16 * 1024 * 1024;

    /// <summary>Most events dispatched from one stream.</summary>
    public long MaxEvents { get; init; } = 10_000_000;

    /// <summary>Return <see cref="SseToken.Comment"/> for comment lines. When false, comments are
    /// only counted, which costs nothing per comment.</summary>
    public bool ReportComments { get; init; }
}
