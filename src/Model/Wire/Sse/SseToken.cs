namespace McpFuzz.Model.Wire.Sse;

/// <summary>What one call to <see cref="SseReader.Read"/> stopped at.</summary>
public enum SseToken : byte
{
    /// <summary>All input was consumed without completing an event; feed the next chunk.</summary>
    NeedMoreData,

    /// <summary>An event was dispatched (a blank line ended a block with data).</summary>
    Event,

    /// <summary>A comment line (only when <see cref="SseReaderOptions.ReportComments"/> is set).</summary>
    Comment,

    /// <summary>A limit of <see cref="SseReaderOptions"/> was exceeded; see <see cref="SseReader.Limit"/>.
    /// The reader stays in this state: every later call returns it again.</summary>
    LimitExceeded,
}

/// <summary>Which bound of <see cref="SseReaderOptions"/> a stream broke.</summary>
public enum SseLimit : byte
{
    None,
    LineLength,
    EventSize,
    EventCount,
}
