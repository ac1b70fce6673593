using System.Text;

namespace McpFuzz.Model.Wire.Sse;

/// <summary>A dispatched event (or, for <see cref="SseToken.Comment"/>, a comment) as views into
/// the reader's buffers or the caller's input. Valid until the next call on the reader; copy what
/// must outlive it. Nothing here allocates unless a <c>...String()</c> method is called.</summary>
public readonly ref struct SseEvent
{
    internal SseEvent(
        ReadOnlySpan<byte> type, ReadOnlySpan<byte> data, ReadOnlySpan<byte> lastEventId,
        long offset, long index, long retry, SseEventFlags flags)
    {
        Type = type;
        Data = data;
        LastEventId = lastEventId;
        Offset = offset;
        Index = index;
        Retry = retry;
        Flags = flags;
    }

    /// <summary>The event type; <c>message</c> when no non-empty <c>event</c> field was given.</summary>
    public ReadOnlySpan<byte> Type { get; }

    /// <summary>The data buffer without its final LF. For a comment: the text after the colon.</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>The stream's last event id after this event's fields (it persists across events).</summary>
    public ReadOnlySpan<byte> LastEventId { get; }

    /// <summary>Byte offset in the stream (BOM included) of the event's first field line, or of the comment.</summary>
    public long Offset { get; }

    /// <summary>Zero-based number of this event (or comment) in the stream.</summary>
    public long Index { get; }

    /// <summary>The reconnection time set by a <c>retry</c> field of this event, or -1.</summary>
    public long Retry { get; }

    public SseEventFlags Flags { get; }

    /// <summary>This event carried an <c>id</c> field that set the last event id.</summary>
    public bool HasId => (Flags & SseEventFlags.HasId) != 0;

    /// <summary>An <c>id</c> with empty data: the MCP 2025-11-25 priming event, which clients must
    /// remember for resumption and must not parse as JSON-RPC.</summary>
    public bool IsPriming => HasId && Data.IsEmpty;

    /// <summary>The type, data or id contained bytes that are not UTF-8 (a browser shows U+FFFD).</summary>
    public bool InvalidUtf8 => (Flags & SseEventFlags.InvalidUtf8) != 0;

    public bool IsMessageType => Type.SequenceEqual("message"u8);

    // WHATWG decodes the stream as UTF-8 with replacement; Encoding.UTF8 replaces the same
    // maximal subparts with U+FFFD, and field boundaries are ASCII, so decoding per field is equal.
    public string TypeString() => Encoding.UTF8.GetString(Type);

    public string DataString() => Encoding.UTF8.GetString(Data);

    public string LastEventIdString() => Encoding.UTF8.GetString(LastEventId);
}

/// <summary>Facts about one event that a browser hides.</summary>
[Flags]
public enum SseEventFlags : byte
{
    None = 0,

    /// <summary>An <c>id</c> field in this event set the last event id.</summary>
    HasId = 1,

    /// <summary>An <c>id</c> field containing U+0000 was ignored, as WHATWG requires.</summary>
    IdRejected = 2,

    /// <summary>A <c>retry</c> field in this event set the reconnection time.</summary>
    HasRetry = 4,

    /// <summary>A <c>retry</c> field was ignored because its value was not all ASCII digits.</summary>
    RetryRejected = 8,

    /// <summary>Type, data or id bytes were not valid UTF-8.</summary>
    InvalidUtf8 = 16,
}
