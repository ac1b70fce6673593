using System.Text.Json;
using McpFuzz.Driver.Output;
using McpFuzz.Model.Revisions;
using McpFuzz.Model.Wire.Sse;

namespace McpFuzz.Driver.Decode;

/// <summary>Settings of one SSE decode run.</summary>
/// <param name="ClassifyData">Also classify each event's data as a JSON-RPC payload.</param>
public sealed record SseDecodeSettings(SseReaderOptions Reader, bool ClassifyData, Revision? Revision);

/// <summary>Decodes one event stream into JSON lines: one per event and comment, then one "end" line.</summary>
public sealed class SseDecoder(JsonLines output, SseDecodeSettings settings, DecodeTally tally, Action<Utf8JsonWriter>? context = null)
{
    private readonly SseReader _reader = new(settings.Reader with { ReportComments = true });
    private bool _stopped;

    /// <summary>Feeds one chunk; safe to call with chunks of any size.</summary>
    public void Feed(ReadOnlySpan<byte> chunk)
    {
        while (!_stopped)
        {
            SseToken token = _reader.Read(chunk, out int consumed, out SseEvent item);
            chunk = chunk.Slice(consumed);
            switch (token)
            {
                case SseToken.Event:
                    WriteEvent(item);
                    break;
                case SseToken.Comment:
                    WriteComment(item);
                    break;
                case SseToken.LimitExceeded:
                    _stopped = true;
                    return;
                default:
                    return;
            }
        }
    }

    public async Task FeedAsync(Stream stream, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[16 * 1024];
        int read;
        while (!_stopped && (read = await stream.ReadAsync(buffer, cancellationToken)) > 0) Feed(buffer.AsSpan(0, read));
    }

    /// <summary>Writes the "end" line and counts the stream's faults.</summary>
    public void Complete()
    {
        SseStreamEnd end = _reader.Complete();
        tally.Streams++;
        if (_reader.SawInvalidUtf8) tally.Found(RuleCatalog.Sse.Utf8.Id);
        if (end.EndedInsideEvent) tally.Found(RuleCatalog.Sse.CompleteEvents.Id);
        if (end.Limit != SseLimit.None) tally.Found("limit." + end.Limit.ToString().ToLowerInvariant());
        output.Write(json =>
        {
            json.WriteString("kind", "end");
            context?.Invoke(json);
            json.WriteNumber("bytes", _reader.BytesConsumed);
            json.WriteNumber("events", _reader.EventCount);
            json.WriteNumber("comments", _reader.CommentCount);
            json.WriteString("lastEventId", System.Text.Encoding.UTF8.GetString(_reader.LastEventId));
            if (_reader.ReconnectionTime >= 0) json.WriteNumber("retry", _reader.ReconnectionTime);
            json.WriteBoolean("bom", _reader.HadBom);
            json.WriteBoolean("invalidUtf8", _reader.SawInvalidUtf8);
            json.WriteBoolean("endedInsideEvent", end.EndedInsideEvent);
            json.WriteBoolean("discardedEvent", end.DiscardedEvent);
            json.WriteNumber("unterminatedLineBytes", end.UnterminatedLineBytes);
            if (end.Limit != SseLimit.None)
            {
                json.WriteString("limit", end.Limit.ToString());
                json.WriteNumber("limitOffset", _reader.LimitOffset);
            }
        });
    }

    private void WriteEvent(in SseEvent e)
    {
        tally.Events++;
        if (e.IsPriming) tally.PrimingEvents++;
        string type = e.TypeString(), data = e.DataString(), lastId = e.LastEventIdString();
        long offset = e.Offset, index = e.Index, retry = e.Retry;
        SseEventFlags flags = e.Flags;
        bool priming = e.IsPriming;
        // JSON-RPC travels in `message` events (2024-11-05 HTTP+SSE and Streamable HTTP alike);
        // other types, such as the legacy `endpoint` event, carry something else.
        bool isMessage = e.IsMessageType;
        byte[]? payload = settings.ClassifyData && isMessage && !e.Data.IsEmpty ? e.Data.ToArray() : null;
        output.Write(json =>
        {
            json.WriteString("kind", "event");
            context?.Invoke(json);
            json.WriteNumber("index", index);
            json.WriteNumber("offset", offset);
            json.WriteString("type", type);
            json.WriteString("data", data);
            json.WriteString("lastEventId", lastId);
            json.WriteBoolean("hasId", (flags & SseEventFlags.HasId) != 0);
            if (retry >= 0) json.WriteNumber("retry", retry);
            json.WriteStartArray("flags");
            if (priming) json.WriteStringValue("priming");
            if ((flags & SseEventFlags.IdRejected) != 0) json.WriteStringValue("id-rejected");
            if ((flags & SseEventFlags.RetryRejected) != 0) json.WriteStringValue("retry-rejected");
            if ((flags & SseEventFlags.InvalidUtf8) != 0) json.WriteStringValue("invalid-utf8");
            json.WriteEndArray();
            if (payload is not null)
            {
                json.WriteStartObject("message");
                MessageJson.Decode(json, payload, settings.Revision, tally);
                json.WriteEndObject();
            }
            else if (settings.ClassifyData)
            {
                json.WriteString("notClassified", priming ? "priming event" : !isMessage ? "event type is not message" : "empty data");
            }
        });
    }

    private void WriteComment(in SseEvent e)
    {
        string text = e.DataString();
        long offset = e.Offset;
        output.Write(json =>
        {
            json.WriteString("kind", "comment");
            context?.Invoke(json);
            json.WriteNumber("offset", offset);
            json.WriteString("text", text);
        });
    }
}
