namespace McpFuzz.Model.Wire.Sse;

/// <summary>How a stream ended, from <see cref="SseReader.Complete"/>.</summary>
/// <param name="UnterminatedLineBytes">Bytes of a final line that had no line terminator (WHATWG discards them).</param>
/// <param name="PendingFields">Field lines arrived after the last blank line: the stream ended inside an event.</param>
/// <param name="DiscardedEvent">That unfinished event had data, so a blank line would have dispatched it.</param>
/// <param name="Limit">The limit that ended the stream early, if any.</param>
public readonly record struct SseStreamEnd(
    int UnterminatedLineBytes, bool PendingFields, bool DiscardedEvent, SseLimit Limit)
{
    /// <summary>The stream stopped somewhere other than between events.</summary>
    public bool EndedInsideEvent => UnterminatedLineBytes > 0 || PendingFields;
}
